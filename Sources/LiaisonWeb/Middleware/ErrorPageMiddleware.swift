import HTTPTypes
import Logging
import Hummingbird
import LiaisonStore

/// Shows people an error page in the layout instead of a bare status line; scripts calling a path under
/// /api that matches no route get problem+json instead.
struct ErrorPageMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let renderer: PageRenderer

    struct Model {
        let status: Int
        let heading: String
        let message: String
    }

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            if request.uri.path.hasPrefix("/api/") {
                return try Problem.from(error).response(from: request, context: context)
            }
            let t = renderer.strings
            let status: HTTPResponse.Status
            var message: String
            switch error {
            case StoreError.notFound:
                status = .notFound
                message = t["error_not_found"]
            case let http as any HTTPResponseError:
                status = http.status
                message = (http as? HTTPError)?.body ?? t["error_generic"]
                if status == .notFound { message = t["error_not_found"] }
            default:
                context.logger.error("Page failed", metadata: ["error": "\(String(reflecting: error))"])
                status = .internalServerError
                message = t["error_generic"]
            }
            let model = Model(status: status.code, heading: status.reasonPhrase, message: message)
            return renderer.page("error", title: status.reasonPhrase, model: model, status: status)
        }
    }
}
