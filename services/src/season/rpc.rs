//! The gRPC face of [`SeasonService`]: authenticate, then read or hand
//! the request on.

use super::*;

type Rpc<T> = Result<Response<T>, Status>;

#[tonic::async_trait]
impl Season for SeasonService {
    async fn import_roster(
        &self,
        r: Request<pb::ImportRosterRequest>,
    ) -> Rpc<pb::ImportRosterResponse> {
        let (who, origin) = (self.auth.principal(r.metadata()).await?, origin(&r));
        Ok(Response::new(
            self.import_roster(&who, &origin, r.into_inner()).await?,
        ))
    }

    async fn list_roster(&self, r: Request<pb::ListRosterRequest>) -> Rpc<pb::ListRosterResponse> {
        let who = self.auth.principal(r.metadata()).await?;
        let r = r.into_inner();
        let (district, year) = fields::readable_district(&who, &r.district, r.year)?;
        let units = self
            .store
            .year_roster(district, year)
            .await
            .map_err(ServiceError::from)?;
        Ok(Response::new(pb::ListRosterResponse {
            units: units.iter().map(conv::unit).collect(),
        }))
    }

    async fn upsert_roster_unit(
        &self,
        r: Request<pb::UpsertRosterUnitRequest>,
    ) -> Rpc<pb::RosterUnitResponse> {
        let (who, origin) = (self.auth.principal(r.metadata()).await?, origin(&r));
        Ok(Response::new(
            self.upsert_unit(&who, &origin, r.into_inner()).await?,
        ))
    }

    async fn set_exempt(&self, r: Request<pb::SetExemptRequest>) -> Rpc<pb::RosterUnitResponse> {
        let (who, origin) = (self.auth.principal(r.metadata()).await?, origin(&r));
        Ok(Response::new(
            self.set_exempt(&who, &origin, r.into_inner()).await?,
        ))
    }

    async fn get_deadlines(&self, r: Request<pb::GetDeadlinesRequest>) -> Rpc<pb::SeasonSettings> {
        let who = self.auth.principal(r.metadata()).await?;
        let r = r.into_inner();
        let (district, year) = fields::readable_district(&who, &r.district, r.year)?;
        let s = self
            .store
            .season_settings(district, year)
            .await
            .map_err(ServiceError::from)?;
        Ok(Response::new(conv::settings(district, year, &s)))
    }

    async fn set_deadlines(&self, r: Request<pb::SetDeadlinesRequest>) -> Rpc<pb::SeasonSettings> {
        let (who, origin) = (self.auth.principal(r.metadata()).await?, origin(&r));
        Ok(Response::new(
            self.set_deadlines(&who, &origin, r.into_inner()).await?,
        ))
    }

    async fn set_received_on(
        &self,
        r: Request<pb::SetReceivedOnRequest>,
    ) -> Rpc<pb::VersionResponse> {
        let (who, origin) = (self.auth.principal(r.metadata()).await?, origin(&r));
        Ok(Response::new(
            self.set_received_on(&who, &origin, r.into_inner()).await?,
        ))
    }

    async fn set_publication(
        &self,
        r: Request<pb::SetPublicationRequest>,
    ) -> Rpc<pb::SetPublicationResponse> {
        let (who, origin) = (self.auth.principal(r.metadata()).await?, origin(&r));
        Ok(Response::new(
            self.set_publication(&who, &origin, r.into_inner()).await?,
        ))
    }

    async fn accept_report(&self, r: Request<pb::ReviewRequest>) -> Rpc<pb::VersionResponse> {
        let (who, origin) = (self.auth.principal(r.metadata()).await?, origin(&r));
        Ok(Response::new(
            self.review(&who, &origin, r.into_inner(), ReviewAction::Accept)
                .await?,
        ))
    }

    async fn return_report(&self, r: Request<pb::ReviewRequest>) -> Rpc<pb::VersionResponse> {
        let (who, origin) = (self.auth.principal(r.metadata()).await?, origin(&r));
        Ok(Response::new(
            self.review(&who, &origin, r.into_inner(), ReviewAction::Return)
                .await?,
        ))
    }

    async fn reopen_report(&self, r: Request<pb::ReviewRequest>) -> Rpc<pb::VersionResponse> {
        let (who, origin) = (self.auth.principal(r.metadata()).await?, origin(&r));
        Ok(Response::new(
            self.review(&who, &origin, r.into_inner(), ReviewAction::Reopen)
                .await?,
        ))
    }

    async fn make_current(&self, r: Request<pb::ReviewRequest>) -> Rpc<pb::VersionResponse> {
        let (who, origin) = (self.auth.principal(r.metadata()).await?, origin(&r));
        Ok(Response::new(
            self.review(&who, &origin, r.into_inner(), ReviewAction::MakeCurrent)
                .await?,
        ))
    }

    async fn list_versions(
        &self,
        r: Request<pb::ListVersionsRequest>,
    ) -> Rpc<pb::ListVersionsResponse> {
        let who = self.auth.principal(r.metadata()).await?;
        let r = r.into_inner();
        let year = fields::year(r.year)?;
        let code = text_field("单位代码（agency_code）", &r.agency_code, 64)?;
        let versions = self
            .store
            .versions_of(code, year)
            .await
            .map_err(ServiceError::from)?;
        // A unit sees its own versions (and the return reasons); the office its district's.
        let district = match versions.first() {
            Some(v) => v.district.clone(),
            None => self
                .store
                .roster_unit(code, year)
                .await
                .map_err(ServiceError::from)?
                .map(|u| u.district)
                .ok_or_else(|| ServiceError::NotFound(format!("没有单位代码“{code}”")))?,
        };
        authorize(
            &who,
            Action::ReadSubmission {
                agency: code,
                district: &district,
            },
        )?;
        Ok(Response::new(pb::ListVersionsResponse {
            versions: versions.iter().map(conv::version).collect(),
        }))
    }

    async fn get_season_status(
        &self,
        r: Request<pb::GetSeasonStatusRequest>,
    ) -> Rpc<pb::GetSeasonStatusResponse> {
        let who = self.auth.principal(r.metadata()).await?;
        let r = r.into_inner();
        let (district, year) = fields::readable_district(&who, &r.district, r.year)?;
        let s = self
            .store
            .season_status(district, year)
            .await
            .map_err(ServiceError::from)?;
        Ok(Response::new(conv::status(&s)))
    }

    async fn get_todo(&self, r: Request<pb::GetTodoRequest>) -> Rpc<pb::GetTodoResponse> {
        let who = self.auth.principal(r.metadata()).await?;
        Ok(Response::new(self.todo(&who, r.into_inner()).await?))
    }
}
