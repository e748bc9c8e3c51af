import Foundation
import HTTPTypes
import Hummingbird
import LiaisonStore
import Logging

/// Turns every error into what its reader needs: problem+json for scripts under /api, an error page in
/// the layout for people, and 405 with `Allow` when the path exists but not for this method.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let renderer: PageRenderer
    let routes: RouteTable

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
            if let signIn = error as? SignInRequired {
                var components = URLComponents()
                components.path = "/sign-in"
                components.queryItems = [URLQueryItem(name: "next", value: signIn.next)]
                return PageRenderer.redirect(to: components.string ?? "/sign-in")
            }
            if error is TwoFactorSetupRequired {
                return PageRenderer.redirect(to: "/account?two-factor=required")
            }
            var error = error
            var allow: String?
            // The router found no route: either the path is unknown or only the method is wrong.
            if context.endpointPath == nil || context.endpointPath == "NotFound" {
                let methods = routes.allowedMethods(for: request.uri.path)
                if !methods.isEmpty {
                    allow = methods.joined(separator: ", ")
                    error = HTTPError(.methodNotAllowed, message: "This address accepts \(allow!).")
                }
            }
            var response =
                request.uri.path.hasPrefix("/api/")
                ? try Problem.from(error).response(from: request, context: context)
                : page(for: error, context: context)
            if let allow { response.headers[.allow] = allow }
            if let retryAfter = (error as? Problem)?.retryAfter { response.headers[.retryAfter] = String(retryAfter) }
            if response.status.code >= 500 {
                context.logger.error("Request failed", metadata: ["error": "\(String(reflecting: error))"])
            }
            return response
        }
    }

    private func page(for error: any Error, context: Context) -> Response {
        let t = renderer.strings
        let status: HTTPResponse.Status
        var message: String
        switch error {
        case StoreError.notFound:
            status = .notFound
            message = t[.errorNotFound]
        case let http as any HTTPResponseError:
            status = http.status
            message = (http as? HTTPError)?.body ?? (http as? Problem)?.detail ?? t[.errorGeneric]
            if status == .notFound { message = t[.errorNotFound] }
        default:
            status = .internalServerError
            message = t[.errorGeneric]
        }
        let model = Model(status: status.code, heading: status.reasonPhrase, message: message)
        let view = ErrorView(model: model, t: t)
        return renderer.page(title: status.reasonPhrase, context: context, status: status) { view.render(into: &$0) }
    }
}

/// The page for an error a person meets: its status, what happened, and the way back.
struct ErrorView {
    let model: ErrorMiddleware.Model
    let t: Strings

    func render(into html: inout HTML) {
        html.h1(text: "\(model.status) \(model.heading)")
        html.newline()
        html.p(text: model.message)
        html.newline()
        html.p { $0.a(.href("/organizations"), text: t[.backToDirectory]) }
    }
}
