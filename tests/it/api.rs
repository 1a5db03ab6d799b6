//! API hygiene a client program relies on: reflection in both versions
//! (older grpcurl and GUI clients only speak v1alpha) and refusals with
//! machine-readable `google.rpc` details beside the clerk's sentence.

use tonic_types::StatusExt;

use crate::helpers::*;

#[tokio::test]
async fn reflection_v1alpha_lists_the_services_for_older_clients() {
    let Some(settings) = settings(Db::Sqlite, Broker::Embedded).await else {
        return;
    };
    let app = spawn_app(&settings, false).await;
    use tonic_reflection::pb::v1alpha as reflection;
    let mut client =
        reflection::server_reflection_client::ServerReflectionClient::new(app.channel().await);
    let request = reflection::ServerReflectionRequest {
        host: String::new(),
        message_request: Some(
            reflection::server_reflection_request::MessageRequest::ListServices(String::new()),
        ),
    };
    let response = client
        .server_reflection_info(futures::stream::iter([request]))
        .await
        .expect("v1alpha reflection is served")
        .into_inner()
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
        "grpc.health.v1.Health",
    ] {
        assert!(names.contains(&service), "{service} in {names:?}");
    }
    app.stop().await;
}

#[tokio::test]
async fn a_refused_submission_names_the_field_in_a_bad_request_and_says_it_in_chinese() {
    let Some(settings) = settings(Db::Sqlite, Broker::Embedded).await else {
        return;
    };
    let app = spawn_app(&settings, false).await;
    let refused = app
        .submit("", 2023, sample(SAMPLES[0].2), None)
        .await
        .expect_err("no agency code");
    assert_eq!(refused.code(), tonic::Code::InvalidArgument);
    let details = refused.get_error_details();
    let bad = details.bad_request().expect("a BadRequest detail");
    assert_eq!(bad.field_violations.len(), 1);
    assert_eq!(bad.field_violations[0].field, "agency_code");
    assert_eq!(bad.field_violations[0].description, refused.message());
    let localized = details
        .localized_message()
        .expect("a LocalizedMessage detail");
    assert_eq!(localized.locale, "zh-CN");
    assert!(
        localized.message.contains("单位代码"),
        "{}",
        localized.message
    );

    let empty = app
        .submit(SAMPLES[0].0, SAMPLES[0].1, Vec::new(), None)
        .await
        .expect_err("an empty document");
    let details = empty.get_error_details();
    assert_eq!(
        details.bad_request().unwrap().field_violations[0].field,
        "document.content"
    );
    app.stop().await;
}
