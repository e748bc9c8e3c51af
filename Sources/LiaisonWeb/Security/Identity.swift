import Foundation
import LiaisonCore
import LiaisonStore

/// Who is making a request, and how they proved it.
struct Identity: Sendable {
    enum Credential: Sendable {
        case session(StaffSession)
        case token(APIToken)
    }

    let account: StaffAccount
    let credential: Credential
    /// Two-factor sign-in is required and this account has not set it up: only its account page is open.
    var mustSetUpTwoFactor = false
    /// The entries of the inbox not yet read, as the page header shows them.
    var unreadNotifications = 0

    /// The token forms and cookie-authenticated API calls must send back; nil for API tokens, which are
    /// not sent by browsers on their own and so need none.
    var csrfToken: String? {
        if case .session(let session) = credential { return session.csrfToken }
        return nil
    }

    /// Read-only API tokens may only read, whatever the account's role.
    var canWrite: Bool {
        if case .token(let token) = credential { return token.canWrite }
        return true
    }

    func actor(address: String?) -> AuditActor {
        AuditActor(accountId: account.id, name: account.name, address: address)
    }
}

/// Who may use a route. Every route names one; there is no default.
enum Access: Sendable, Hashable {
    /// Anyone, signed in or not: the sign-in page, assets, the health check, the API description.
    case `public`
    /// A signed-in account with at least this role.
    case role(StaffRole)

    static let viewer = Access.role(.viewer)
    static let editor = Access.role(.editor)
    static let admin = Access.role(.admin)
}
