//! The whole path on each combination of real components:
//! SubmitReport → queue → worker → SeaORM → GetSubmission / GetDistrictSummary.

use fazhi_proto::v1 as pb;

use crate::helpers::*;

async fn bundled_samples_flow_through_to_the_district_summary(db: Db, broker: Broker) {
    let Some(settings) = settings(db, broker).await else {
        return;
    };
    let app = spawn_app(&settings, true).await;

    let mut ids = Vec::new();
    for (agency, year, file) in SAMPLES {
        let r = app
            .submit(agency, year, sample(file), None)
            .await
            .expect("accepted");
        assert_eq!(r.status, pb::SubmissionStatus::Queued as i32);
        ids.push((agency, year, r.submission_id));
    }
    for (agency, year, id) in &ids {
        let s = app.wait_done(id).await;
        assert_eq!(
            s.status,
            pb::SubmissionStatus::Processed as i32,
            "{agency}: {}",
            s.reject_reason
        );
        assert_eq!(&s.agency_code, agency);
        assert_eq!(s.reporting_year, *year);
        let parsed = s.parsed.expect("a processed submission carries its parse");
        assert!(
            parsed.parts_present.contains(&(pb::Part::Measures as i32)),
            "{agency}: measures part found"
        );
        assert!(!parsed.sections.is_empty());
    }

    // 2022: three of the five roster agencies reported (000, 002, 004).
    let summary = app.summary(2022).await;
    assert_eq!(summary.expected, 5);
    assert_eq!(summary.submitted, 3);
    let mut reported: Vec<&str> = summary
        .coverage
        .iter()
        .filter(|c| c.submitted)
        .map(|c| c.agency.code.as_str())
        .collect();
    reported.sort();
    assert_eq!(reported, ["jgz", "xc-yllhj", "xymj"]);
    let street = summary
        .coverage
        .iter()
        .find(|c| c.agency.code == "xymj")
        .unwrap();
    assert!(
        !street.parts.contains(&fazhi_core::Part::Other),
        "seed 002 has no 'other' part"
    );
    assert!(summary.draft_markdown.contains("示例区"));

    // 2023: the other two.
    let summary = app.summary(2023).await;
    assert_eq!(summary.submitted, 2);

    // ListSubmissions pages through the district's year.
    let mut client = app.summaries().await;
    let first = client
        .list_submissions(pb::ListSubmissionsRequest {
            district: DISTRICT.into(),
            year: 2022,
            page_size: 2,
            page_token: String::new(),
        })
        .await
        .unwrap()
        .into_inner();
    assert_eq!(first.submissions.len(), 2);
    assert!(!first.next_page_token.is_empty());
    let second = client
        .list_submissions(pb::ListSubmissionsRequest {
            district: DISTRICT.into(),
            year: 2022,
            page_size: 2,
            page_token: first.next_page_token,
        })
        .await
        .unwrap()
        .into_inner();
    assert_eq!(second.submissions.len(), 1);
    assert!(second.next_page_token.is_empty());
    let mut all: Vec<String> = first
        .submissions
        .iter()
        .chain(&second.submissions)
        .map(|s| s.submission_id.clone())
        .collect();
    all.sort();
    all.dedup();
    assert_eq!(all.len(), 3);

    app.stop().await;
}

#[tokio::test]
async fn pipeline_on_embedded_queue_and_sqlite() {
    bundled_samples_flow_through_to_the_district_summary(Db::Sqlite, Broker::Embedded).await;
}

#[tokio::test]
async fn pipeline_on_rabbitmq_and_sqlite() {
    bundled_samples_flow_through_to_the_district_summary(Db::Sqlite, Broker::Rabbit).await;
}

#[tokio::test]
async fn pipeline_on_rabbitmq_and_postgres() {
    bundled_samples_flow_through_to_the_district_summary(Db::Postgres, Broker::Rabbit).await;
}

#[tokio::test]
async fn pipeline_on_embedded_queue_and_postgres() {
    bundled_samples_flow_through_to_the_district_summary(Db::Postgres, Broker::Embedded).await;
}

#[tokio::test]
async fn health_and_reflection_answer() {
    let Some(settings) = settings(Db::Sqlite, Broker::Embedded).await else {
        return;
    };
    let app = spawn_app(&settings, false).await;
    let mut health = tonic_health::pb::health_client::HealthClient::new(app.channel().await);
    let status = health
        .check(tonic_health::pb::HealthCheckRequest {
            service: "fazhi.v1.ReportIngestService".into(),
        })
        .await
        .unwrap()
        .into_inner()
        .status;
    assert_eq!(
        status,
        tonic_health::pb::health_check_response::ServingStatus::Serving as i32
    );

    // Reflection lists the API, so `grpcurl list` works without the protos.
    use tonic_reflection::pb::v1 as reflection;
    let mut client =
        reflection::server_reflection_client::ServerReflectionClient::new(app.channel().await);
    let request = reflection::ServerReflectionRequest {
        host: String::new(),
        message_request: Some(
            reflection::server_reflection_request::MessageRequest::ListServices(String::new()),
        ),
    };
    let mut responses = client
        .server_reflection_info(futures::stream::iter([request]))
        .await
        .unwrap()
        .into_inner();
    let response = responses
        .message()
        .await
        .unwrap()
        .expect("a reflection answer");
    let Some(reflection::server_reflection_response::MessageResponse::ListServicesResponse(list)) =
        response.message_response
    else {
        panic!("not a service list: {response:?}");
    };
    let names: Vec<&str> = list.service.iter().map(|s| s.name.as_str()).collect();
    for service in [
        "fazhi.v1.ReportIngestService",
        "fazhi.v1.DistrictSummaryService",
    ] {
        assert!(names.contains(&service), "{service} in {names:?}");
    }
    app.stop().await;
}
