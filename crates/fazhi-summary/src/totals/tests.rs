use super::*;
use Qualifier::*;

#[test]
fn algebra_matches_the_documented_table() {
    assert_eq!(combine(Exact, Exact), Exact);
    assert_eq!(combine(Exact, AtLeast), AtLeast);
    assert_eq!(combine(AtLeast, AtLeast), AtLeast);
    assert_eq!(combine(MoreThan, Exact), MoreThan);
    assert_eq!(combine(AtLeast, MoreThan), MoreThan);
    assert_eq!(combine(Approx, Exact), Approx);
    assert_eq!(combine(MoreThan, Approx), Approx);
    assert_eq!(combine(UpTo, Exact), UpTo);
    assert_eq!(combine(UpTo, UpTo), UpTo);
    assert_eq!(combine(UpTo, AtLeast), Approx);
    assert_eq!(combine(MoreThan, UpTo), Approx);
}

#[test]
fn algebra_is_commutative_and_associative() {
    let all = [Exact, AtLeast, MoreThan, Approx, UpTo];
    for a in all {
        for b in all {
            assert_eq!(combine(a, b), combine(b, a));
            for c in all {
                assert_eq!(combine(combine(a, b), c), combine(a, combine(b, c)));
            }
        }
    }
}

#[test]
fn sums_skip_non_finite_values() {
    assert_eq!(sum([(20.0, AtLeast), (34.0, Exact)]), Some((54.0, AtLeast)));
    assert_eq!(sum([(f64::NAN, Exact), (3.0, Exact)]), Some((3.0, Exact)));
    assert_eq!(sum(std::iter::empty()), None);
}
