import Foundation
import HTTPTypes
import Hummingbird
import LiaisonCore
import LiaisonStore
import Logging
import NIOCore

/// An RFC 9457 problem detail, the body of every API error.
struct Problem: Error, HTTPResponseError, Encodable {
    var type: String
    var title: String
    var statusCode: Int
    var detail: String?
    var errors: [FieldError]?
    var currentVersion: Int?
    /// People who are probably the one being created (type "possible-duplicate").
    var duplicates: [PersonSummary]?
    /// Seconds to wait, sent as `Retry-After` (type "rate-limited"); not part of the body.
    var retryAfter: Int?

    var status: HTTPResponse.Status { HTTPResponse.Status(code: statusCode) }

    init(
        _ status: HTTPResponse.Status, type: String, title: String, detail: String? = nil,
        errors: [FieldError]? = nil, currentVersion: Int? = nil
    ) {
        self.type = "/problems/" + type
        self.title = title
        self.statusCode = status.code
        self.detail = detail
        self.errors = errors
        self.currentVersion = currentVersion
    }

    enum CodingKeys: String, CodingKey {
        case type, title, detail, errors, currentVersion, duplicates
        case statusCode = "status"
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        // The API's own encoder: dates in a problem (a duplicate's updatedAt) are ISO 8601 as everywhere else.
        let body = try JSONBody.encoder.encode(self)
        var headers: HTTPFields = [.contentType: "application/problem+json"]
        if let retryAfter { headers[.retryAfter] = String(retryAfter) }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    /// Too many requests of one kind from one account: try again after `retryAfter` seconds.
    static func rateLimited(retryAfter: Int, what: String) -> Problem {
        var problem = Problem(
            .tooManyRequests, type: "rate-limited", title: "Too many requests.",
            detail: "Too many \(what) from this account; try again in \(retryAfter) seconds.")
        problem.retryAfter = retryAfter
        return problem
    }

    static func invalid(_ error: ValidationError) -> Problem {
        let detail = error.errors.map { "\($0.field): \($0.message)" }.joined(separator: " ")
        return Problem(
            .unprocessableContent, type: "validation", title: "The input breaks one or more rules.", detail: detail,
            errors: error.errors)
    }

    /// Refuses a query string with values that are not allowed, naming each parameter; nothing happens
    /// when there are no errors.
    static func refuseQuery(_ errors: [FieldError]) throws {
        guard !errors.isEmpty else { return }
        throw Problem(
            .badRequest, type: "invalid-query", title: "The query has values that are not allowed.",
            detail: errors.map(\.message).joined(separator: " "), errors: errors)
    }

    static func from(_ error: StoreError) -> Problem {
        switch error {
        case .notFound(let entity, let id):
            Problem(.notFound, type: "not-found", title: "Not found.", detail: "No \(entity) has the id \(id).")
        case .versionConflict(let entity, let id, let current):
            Problem(
                .conflict, type: "version-conflict", title: "The record was changed by someone else.",
                detail: "The \(entity) \(id) is now at version \(current); read it again and reapply your change.",
                errors: [
                    FieldError(field: "version", rule: "current_version", message: "The current version is \(current).")
                ],
                currentVersion: current)
        }
    }

    /// The problem for any error a handler or the framework threw.
    static func from(_ error: any Error) -> Problem {
        switch error {
        case let problem as Problem: return problem
        case let invalid as ValidationError: return .invalid(invalid)
        case let store as StoreError: return .from(store)
        case let http as any HTTPResponseError:
            let status = http.status
            let title = status.reasonPhrase.isEmpty ? "Error." : status.reasonPhrase + "."
            let detail = (http as? HTTPError)?.body
            return Problem(status, type: "http-\(status.code)", title: title, detail: detail)
        default:
            return Problem(.internalServerError, type: "internal", title: "Something went wrong on the server.")
        }
    }
}
