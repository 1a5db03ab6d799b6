//! One insert transaction against the statement's size, over TLS and over
//! plain TCP, on PostgreSQL: a statement larger than one TLS record (16 KB)
//! is sent as several writes, and without TCP_NODELAY on the client socket
//! the last one waits for the server's delayed ACK (about 40 ms). The limit
//! is the same insert with `sslmode=disable`, in the same run.
//!
//! `cargo bench -p fazhi-store --bench statement_size` (PostgreSQL at
//! `FAZHI_BENCH_PG_URL`, default the local `postgres` database, without
//! query string). Plain `fn main`, timed with `Instant`; medians of 50.

use std::time::{Duration, Instant};

use sea_orm::{ConnectionTrait, Database, DatabaseConnection, Statement, TransactionTrait};

const SIZES: [usize; 5] = [1_000, 15_000, 17_000, 64_000, 200_000];
const ROUNDS: usize = 50;

async fn insert_cost(db: &DatabaseConnection, table: &str, size: usize, tag: &str) -> Duration {
    let payload = "法".repeat(size / 3);
    let mut costs = Vec::with_capacity(ROUNDS);
    for i in 0..ROUNDS {
        let t = Instant::now();
        let txn = db.begin().await.expect("begin");
        txn.execute_raw(Statement::from_sql_and_values(
            db.get_database_backend(),
            format!("INSERT INTO {table} VALUES ($1, $2)"),
            [format!("{tag}-{size}-{i}").into(), payload.clone().into()],
        ))
        .await
        .expect("insert");
        txn.commit().await.expect("commit");
        costs.push(t.elapsed());
    }
    costs.sort();
    costs[costs.len() / 2]
}

#[tokio::main]
async fn main() {
    let admin = std::env::var("FAZHI_BENCH_PG_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
    let table = format!("bench_stmt_{}", uuid::Uuid::new_v4().simple());
    let Ok(setup) = Database::connect(&admin).await else {
        eprintln!("PostgreSQL not reachable at {admin}: nothing measured");
        return;
    };
    setup
        .execute_unprepared(&format!(
            "CREATE TABLE {table} (id TEXT PRIMARY KEY, body TEXT)"
        ))
        .await
        .expect("table");
    let tls = Database::connect(format!("{admin}?sslmode=require"))
        .await
        .expect("TLS");
    let plain = Database::connect(format!("{admin}?sslmode=disable"))
        .await
        .expect("plain");
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!("load average before: {}", load.trim());
    println!(
        "| statement, bytes | TLS (sslmode=require), ms | limit: plain TCP, ms | ratio (limit / TLS) |"
    );
    println!("|---:|---:|---:|---:|");
    for size in SIZES {
        let with_tls = insert_cost(&tls, &table, size, "tls").await;
        let without = insert_cost(&plain, &table, size, "plain").await;
        println!(
            "| {size} | {:.2} | {:.2} | {:.2} |",
            with_tls.as_secs_f64() * 1e3,
            without.as_secs_f64() * 1e3,
            without.as_secs_f64() / with_tls.as_secs_f64().max(1e-9)
        );
    }
    setup
        .execute_unprepared(&format!("DROP TABLE {table}"))
        .await
        .ok();
}
