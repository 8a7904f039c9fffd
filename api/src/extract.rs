//! Request extractors whose failures use our error shape, and say so in the OpenAPI document:
//! each implements `utoipa::IntoResponses` with the statuses it refuses with, so a route lists
//! them by naming the extractor in its `responses(...)`.

use std::collections::BTreeMap;
use std::marker::PhantomData;

use axum::Json;
use axum::extract::{FromRequest, FromRequestParts, Path, Request};
use axum::http::request::Parts;
use serde::de::DeserializeOwned;
use tessera_core::catalog::FieldError;
use utoipa::openapi::{RefOr, Response, ResponsesBuilder};
use uuid::Uuid;

use crate::error::{Error, PageError};

/// A documented error response with our JSON body (`ErrorBody`, a component of the document).
pub(crate) fn error_response(description: &str) -> Response {
    utoipa::openapi::ResponseBuilder::new()
        .description(description)
        .content(
            "application/json",
            utoipa::openapi::ContentBuilder::new()
                .schema(Some(RefOr::Ref(utoipa::openapi::Ref::from_schema_name("ErrorBody"))))
                .build(),
        )
        .build()
}

fn one(status: &str, description: &str) -> BTreeMap<String, RefOr<Response>> {
    ResponsesBuilder::new().response(status, error_response(description)).build().into()
}

/// A JSON body. A malformed or mistyped body is a 400 `invalid_body` saying what is wrong.
pub struct JsonBody<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for JsonBody<T> {
    type Rejection = Error;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        match Json::<T>::from_request(request, state).await {
            Ok(Json(value)) => Ok(JsonBody(value)),
            Err(rejection) => Err(Error::unreadable(rejection.body_text())),
        }
    }
}

impl<T> utoipa::IntoResponses for JsonBody<T> {
    fn responses() -> BTreeMap<String, RefOr<Response>> {
        one("400", "`invalid_body`: not a JSON body of this shape")
    }
}

/// A form body (`application/x-www-form-urlencoded`). A malformed one is a 400.
pub struct FormBody<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for FormBody<T> {
    type Rejection = crate::error::PageError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Form::<T>::from_request(request, state).await {
            Ok(axum::Form(value)) => Ok(FormBody(value)),
            Err(rejection) => Err(Error::unreadable(rejection.body_text()).into()),
        }
    }
}

/// What a path id names, for the messages of its extractors.
pub trait Noun: Send + Sync + 'static {
    /// `"order"`: what was not found, and what a malformed id is not an id of.
    const NAME: &'static str;
}

/// Path ids of orders.
pub struct OrderNoun;
impl Noun for OrderNoun {
    const NAME: &'static str = "order";
}

/// Path ids of accounts.
pub struct AccountNoun;
impl Noun for AccountNoun {
    const NAME: &'static str = "account";
}

/// Path ids of events.
pub struct EventNoun;
impl Noun for EventNoun {
    const NAME: &'static str = "event";
}

/// The route's one path parameter as a UUID, or `None` when it is not one. Any failure to read
/// the path (a path without exactly one parameter, bytes that are not UTF-8) counts as "not a
/// UUID": the client sent it, so it is never a 500.
async fn uuid_in_path<S: Send + Sync>(parts: &mut Parts, state: &S) -> Result<Uuid, String> {
    match Path::<String>::from_request_parts(parts, state).await {
        Ok(Path(raw)) => Uuid::try_parse(&raw).map_err(|_| raw),
        Err(_) => Err(String::new()),
    }
}

/// A UUID path parameter of an API route. One that is not a UUID is a 400
/// `invalid_parameter` naming `id`.
pub struct PathId<N> {
    pub id: Uuid,
    noun: PhantomData<N>,
}

impl<N> PathId<N> {
    fn new(id: Uuid) -> Self {
        PathId { id, noun: PhantomData }
    }
}

impl<S: Send + Sync, N: Noun> FromRequestParts<S> for PathId<N> {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        uuid_in_path(parts, state).await.map(PathId::new).map_err(|raw| {
            let value = format!("{raw:?}");
            FieldError::new(
                "id",
                tessera_i18n::t_args("error-not-an-id", [("value", value.into()), ("kind", N::NAME.into())]),
            )
            .into()
        })
    }
}

impl<N> utoipa::IntoResponses for PathId<N> {
    fn responses() -> BTreeMap<String, RefOr<Response>> {
        one("400", "`invalid_parameter`: the id is not a UUID")
    }
}

/// A UUID path parameter of an API route for which a malformed id is simply one that names
/// nothing: a 404 `not_found`, like an id we do not know.
pub struct LookupId<N> {
    pub id: Uuid,
    noun: PhantomData<N>,
}

impl<S: Send + Sync, N: Noun> FromRequestParts<S> for LookupId<N> {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let id = uuid_in_path(parts, state).await.map_err(|_| Error::NotFound(N::NAME))?;
        Ok(LookupId { id, noun: PhantomData })
    }
}

impl<N: Noun> utoipa::IntoResponses for LookupId<N> {
    fn responses() -> BTreeMap<String, RefOr<Response>> {
        one("404", &format!("No such {} (a malformed id included)", N::NAME))
    }
}

/// A UUID path parameter of a page. One that is not a UUID is the page-not-found page, like
/// an id we do not know.
pub struct PageId<N> {
    pub id: Uuid,
    noun: PhantomData<N>,
}

impl<S: Send + Sync, N: Noun> FromRequestParts<S> for PageId<N> {
    type Rejection = PageError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let id = uuid_in_path(parts, state).await.map_err(|_| Error::NotFound(N::NAME))?;
        Ok(PageId { id, noun: PhantomData })
    }
}

/// Query parameters read into `T`. A query string that does not fit (a repeated parameter, a
/// value of the wrong type) is a 400 `invalid_parameter` naming `query`, not axum's plain text.
pub struct QueryParams<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for QueryParams<T> {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match axum::extract::Query::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Query(value)) => Ok(QueryParams(value)),
            Err(rejection) => Err(FieldError::new(
                "query",
                tessera_i18n::t_args("error-unreadable-query", [("why", rejection.body_text().into())]),
            )
            .into()),
        }
    }
}

impl<T> utoipa::IntoResponses for QueryParams<T> {
    fn responses() -> BTreeMap<String, RefOr<Response>> {
        one("400", "`invalid_parameter`: a query string that cannot be read (`field` is `query`)")
    }
}
