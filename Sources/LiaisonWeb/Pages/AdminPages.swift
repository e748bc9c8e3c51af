import Foundation
import HTTPTypes
import Hummingbird
import LiaisonCore
import LiaisonStore
import NIOCore

/// What only admins do: manage staff accounts and read the audit trail.
struct AdminPages {
    let store: any LiaisonStore
    let settings: WebSettings
    let renderer: PageRenderer

    private var t: Strings { renderer.strings }

    func register(on routes: RouteRegistry) {
        routes.add(.get, "/admin/accounts", access: .admin, use: accounts)
        routes.add(.post, "/admin/accounts", access: .admin, use: createAccount)
        routes.add(.post, "/admin/accounts/:id", access: .admin, use: updateAccount)
        routes.add(.post, "/admin/accounts/:id/password", access: .admin, use: resetPassword)
        routes.add(.get, "/admin/audit", access: .admin, use: audit)
        routes.add(.post, "/admin/settings", access: .admin, use: updateSettings)
        routes.add(.get, "/admin/backup", access: .admin, use: backup)
    }

    struct AccountRow {
        let id: Int64
        let name: String
        let email: String
        let roles: [FormField.Option]
        let disabled: Bool
        let twoFactor: Bool
        let isSelf: Bool
    }

    struct AccountsModel {
        let rows: [AccountRow]
        let roles: [FormField.Option]
        let notice: String?
        let errors: [String]
        let email: String
        let name: String
        let requireTwoFactor: Bool
        /// The currency of dues: what is stored, or what was typed with why it was refused.
        let currency: FormField
        let databaseLocation: String
    }

    /// The whole database as a JSON backup, streamed as it is read; `liaison restore` loads it into an
    /// empty database of either engine. Audited, since it carries everything out of Liaison.
    @Sendable func backup(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await store.takeCostly(settings.limits.export, key: RateKey.export, what: "exports", context: context)
        try await store.recordAudit(
            AuditEvent(actor: context.actor, action: .export, entity: .backup, summary: "Full backup (JSON)"))
        let day = Date().formatted(.iso8601.year().month().day())
        let chunks = JSONBackup.Chunks(store: store).map { ByteBuffer(bytes: $0) }
        return Response(
            status: .ok,
            headers: [
                .contentType: "application/x-ndjson; charset=utf-8",
                .contentDisposition: "attachment; filename=\"liaison-backup-\(day).jsonl\"",
            ],
            body: ResponseBody(asyncSequence: chunks))
    }

    @Sendable func updateSettings(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await FormData.read(request, context: context)
        var currency = try await store.workspaceSettings().currency
        do {
            // A form without the field (an older page) leaves the currency as it is.
            if form.has("currency") { currency = try Currency.checked(form["currency"]) }
        } catch {
            return try await accountsPage(
                context: context, errors: error.errors.map(\.message),
                currency: (form["currency"], error.errors.first?.message), status: .unprocessableContent)
        }
        try await store.updateWorkspaceSettings(
            WorkspaceSettings(requireTwoFactor: form["requireTwoFactor"] == "on", currency: currency),
            by: context.actor)
        return try await accountsPage(context: context, notice: t[.settingsSaved])
    }

    @Sendable func accounts(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await accountsPage(context: context)
    }

    @Sendable func createAccount(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await FormData.read(request, context: context)
        let input = StaffAccountInput(
            email: form["email"], name: form["name"], role: StaffRole(rawValue: form["role"]) ?? .viewer
        ).normalized()
        do {
            try input.validate()
            try PasswordPolicy.standard.check(form["password"], email: input.email)
            _ = try await store.createAccount(
                input, passwordHash: try await settings.passwords.hashInBackground(form["password"]), by: context.actor)
        } catch let error as ValidationError {
            return try await accountsPage(
                context: context, errors: error.errors.map(\.message), email: input.email, name: input.name,
                status: .unprocessableContent)
        }
        return try await accountsPage(context: context, notice: String(format: t[.accountCreated], input.email))
    }

    @Sendable func updateAccount(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.recordID()
        let form = try await FormData.read(request, context: context)
        guard let account = try await store.account(id: id) else {
            throw StoreError.notFound(entity: .account, id: id)
        }
        // An admin cannot lock themselves out; another admin must do it.
        let isSelf = id == context.identity?.account.id
        if let role = StaffRole(rawValue: form["role"]), role != account.role, !isSelf {
            _ = try await store.updateAccount(id: id, .role(role), by: context.actor)
        }
        if form.has("disabled"), !isSelf {
            let disabled = form["disabled"] == "true"
            if disabled != account.disabled {
                _ = try await store.updateAccount(id: id, .isDisabled(disabled), by: context.actor)
            }
        }
        return PageRenderer.redirect(to: "/admin/accounts")
    }

    @Sendable func resetPassword(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.recordID()
        let form = try await FormData.read(request, context: context)
        guard let account = try await store.account(id: id) else {
            throw StoreError.notFound(entity: .account, id: id)
        }
        do {
            try PasswordPolicy.standard.check(form["password"], email: account.email)
        } catch {
            return try await accountsPage(
                context: context, errors: error.errors.map(\.message), status: .unprocessableContent)
        }
        _ = try await store.updateAccount(
            id: id, .passwordHash(try await settings.passwords.hashInBackground(form["password"])), by: context.actor)
        return try await accountsPage(context: context, notice: String(format: t[.passwordResetDone], account.email))
    }

    private func accountsPage(
        context: AppRequestContext, notice: String? = nil, errors: [String] = [], email: String = "", name: String = "",
        currency typed: (value: String, error: String?)? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        func roles(_ selected: StaffRole) -> [FormField.Option] {
            StaffRole.allCases.map {
                FormField.Option(value: $0.rawValue, label: t.label($0), selected: $0 == selected)
            }
        }
        let rows = try await store.accounts().map { account in
            AccountRow(
                id: account.id, name: account.name, email: account.email, roles: roles(account.role),
                disabled: account.disabled, twoFactor: account.totpEnabled,
                isSelf: account.id == context.identity?.account.id)
        }
        let workspace = try await store.workspaceSettings()
        let currency = FormField(
            name: "currency", label: t[.settingsCurrency], value: typed?.value ?? workspace.currency,
            error: typed?.error, hint: t[.hintCurrency], required: true)
        let model = AccountsModel(
            rows: rows, roles: roles(.viewer), notice: notice, errors: errors, email: email, name: name,
            requireTwoFactor: workspace.requireTwoFactor, currency: currency, databaseLocation: store.location)
        let view = AdminAccountsView(model: model, t: t, csrf: context.identity?.csrfToken ?? "")
        return renderer.page(title: t[.accountsTitle], context: context, status: status) { view.render(into: &$0) }
    }

    struct AuditRow {
        let at: String
        let actor: String
        let address: String?
        let action: String
        let record: String?
        let recordLink: String?
        let summary: String
        let changes: [ReadableChange]
        let hasChanges: Bool
        /// Updates show their few changed fields; a whole record created or deleted starts folded.
        let openChanges: Bool
        let changeCount: String
    }

    struct AuditModel {
        let history: [AuditRow]
        let filters: [FormField]
        let errors: [String]
    }

    @Sendable func audit(_ request: Request, context: AppRequestContext) async throws -> Response {
        let parameters = request.uri.queryDictionary
        var query = AuditQuery(limit: 200)
        var errors: [String] = []
        func value(_ name: String) -> String? {
            parameters[name].flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
        }
        if let actor = value("actor") {
            if let id = Int64(actor) { query.actorAccountId = id } else { errors.append(t[.auditBadActor]) }
        }
        if let entity = value("entity") {
            if let kind = RecordKind(rawValue: entity) {
                query.entity = kind
            } else {
                errors.append(t[.auditBadKind])
            }
        }
        if let id = value("entityId") {
            if let id = Int64(id) { query.entityId = id } else { errors.append(t[.auditBadRecord]) }
        }
        if let action = value("action") {
            if let action = AuditAction(rawValue: action) {
                query.action = action
            } else {
                errors.append(t[.auditBadAction])
            }
        }
        for (name, keyPath) in [("from", \AuditQuery.from), ("to", \AuditQuery.to)] {
            guard let text = value(name) else { continue }
            if let day = try? Date.ISO8601FormatStyle(timeZone: .utc).year().month().day().parse(text) {
                query[keyPath: keyPath] = name == "to" ? day.addingTimeInterval(24 * 3600) : day
            } else {
                errors.append(String(format: t[.auditBadDate], name))
            }
        }
        let entries = try await store.auditEntries(query)
        let accounts = try await store.accounts()
        let rows = entries.map { Self.row($0, strings: t) }
        func select(_ name: String, _ pairs: [(String, String)]) -> FormField {
            FormField(
                name: name, label: t.auditFilter(name), control: .select,
                options: FormField.choices(pairs, selected: parameters[name] ?? "", blank: t[.any]))
        }
        let filters = [
            select("actor", accounts.map { (String($0.id), $0.name) }),
            select(
                "entity",
                [RecordKind.organization, .person, .activity, .account, .calendarFeed, .apiToken, .settings, .backup]
                    .map { ($0.rawValue, t.label($0)) }),
            FormField(name: "entityId", label: t[.auditFilterEntityId], value: parameters["entityId"] ?? ""),
            select("action", AuditAction.allCases.map { ($0.rawValue, t.label($0)) }),
            FormField(name: "from", label: t[.auditFilterFrom], value: parameters["from"] ?? "", hint: "YYYY-MM-DD"),
            FormField(name: "to", label: t[.auditFilterTo], value: parameters["to"] ?? "", hint: "YYYY-MM-DD"),
        ]
        let view = AdminAuditView(model: AuditModel(history: rows, filters: filters, errors: errors), t: t)
        return renderer.page(title: t[.auditTitle], context: context, status: errors.isEmpty ? .ok : .badRequest) {
            view.render(into: &$0)
        }
    }

    /// A line of the trail as pages show it; on a record's own page the record need not be named again.
    static func row(_ entry: AuditEntry, strings t: Strings, onRecordPage: Bool = false) -> AuditRow {
        // A deleted record, or the side of a merge that was folded away, has no page to link to.
        let gone =
            entry.action == .delete
            || (entry.action == .merge && !entry.changes.isEmpty && entry.changes.allSatisfy { $0.after == nil })
        let link =
            gone ? nil : entry.entity?.pagePath.flatMap { base in entry.entityId.map { base + String($0) } }
        return AuditRow(
            at: Formats.minute(entry.at), actor: entry.actor.name, address: entry.actor.address,
            action: t.label(entry.action),
            record: onRecordPage
                ? nil : entry.entity.map { t.label($0) + (entry.entityId.map { " #\($0)" } ?? "") },
            recordLink: onRecordPage ? nil : link, summary: entry.summary,
            changes: entry.changes.map(HistoryText(t: t, entity: entry.entity).change),
            hasChanges: !entry.changes.isEmpty,
            openChanges: entry.action != .create && entry.action != .delete,
            changeCount: String(format: t[.changeCount], entry.changes.count))
    }
}
