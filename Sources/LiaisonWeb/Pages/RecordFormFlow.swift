import Foundation
import HTTPTypes
import Hummingbird
import LiaisonCore
import LiaisonStore

/// A record's form as typed, kept whole when a save is refused so that it is drawn again as it was sent.
protocol RecordForm {
    /// The version the form was drawn at, as sent; "" on a new record's form.
    var version: String { get set }
    /// Shows the errors the store found beside the fields they name.
    mutating func addErrors(_ errors: [FieldError])
}

extension GroupForm: RecordForm {}
extension InterestForm: RecordForm {}
extension ProspectForm: RecordForm {}
extension FollowUpForm: RecordForm {}
extension PersonForm: RecordForm {}
extension OrganizationForm: RecordForm {}
extension ActivityForm: RecordForm {}
extension ReportForm: RecordForm {}

/// A form drawn from a list of fields: their values and errors by name.
struct FieldValuesForm: RecordForm {
    var values: [String: String]
    var errors: [String: String] = [:]
    var version = ""

    init(values: [String: String], version: String = "") {
        self.values = values
        self.version = version
    }

    /// The fields `names` as sent; on an edit form, the version too, as a number (as the form draws it), or "".
    init(sent form: FormData, names: [String], editing: Bool) {
        values = Dictionary(uniqueKeysWithValues: names.map { ($0, form[$0]) })
        version = editing ? Int(form["version"]).map(String.init) ?? "" : ""
    }

    mutating func addErrors(_ errors: [FieldError]) {
        for error in errors { self.errors[error.field] = error.message }
    }
}

/// A form's errors by field.
extension [String: String] {
    /// Adds `message` beside `field`, after any message already there.
    mutating func add(_ message: String, beside field: String) {
        self[field] = [self[field], message].compactMap { $0 }.joined(separator: " ")
    }

    /// The record id typed in `field`: nil when blank; nil with the error beside the field when it is no id.
    mutating func recordId(_ field: String, _ text: String, strings t: Strings) -> Int64? {
        guard !text.isEmpty else { return nil }
        guard let value = Int64(text), value > 0 else {
            self[field] = String(format: t[.errorNotARecordId], text)
            return nil
        }
        return value
    }
}

/// Where a record's form is drawn: its heading, where it is sent, and where cancel goes back to.
struct FormPlace {
    let heading: String
    let action: String
    let cancel: String
}

extension FormPlace {
    /// A record's edit form: sent to the record's page, and back to it on cancel.
    init(heading: String, page: String) {
        self.init(heading: heading, action: page, cancel: page)
    }

    /// The edit form of the record named `name` at `page`.
    static func editing(_ name: String, at page: String, _ t: Strings) -> FormPlace {
        FormPlace(heading: String(format: t[.editHeading], name), page: page)
    }
}

/// Draws a record's form: as typed, at its place, with the notice that the record changed meanwhile or not, with
/// the status to answer.
typealias FormRedraw<Form> = (
    _ form: Form, _ place: FormPlace, _ conflict: Bool, _ status: HTTPResponse.Status, _ context: AppRequestContext
) async throws -> Response

/// The steps every record's form takes once sent, the same for every kind: a wrong field draws the form again
/// as typed (422), a version older than the record's draws it with a notice and the current version (409), a
/// save goes to the record's page with the notice that it is saved.
extension PageRenderer {
    /// Saves a new record. `redraw`: the form only asks to be drawn again (a row added), with nothing checked or
    /// saved. `input` reads the form (nil when a field is wrong, the errors left in the form); `write` stores it
    /// and returns its page, or nil when it is not saved for a reason `render` shows.
    func createRecord<Form: RecordForm, Input>(
        _ form: Form, _ place: FormPlace, context: AppRequestContext, redraw: Bool = false,
        input: (inout Form) async throws -> Input?, render: FormRedraw<Form>, write: (Input) async throws -> String?
    ) async throws -> Response {
        if redraw { return try await render(form, place, false, .ok, context) }
        var form = form
        do {
            if let input = try await input(&form), let page = try await write(input) {
                return Self.redirect(to: "\(page)?saved=1")
            }
        } catch let error as ValidationError {
            form.addErrors(error.errors)
        }
        return try await render(form, place, false, .unprocessableContent, context)
    }

    /// Saves a record at the version its form was drawn at (a form without one is refused, 400); `current` is
    /// the record's version now. `redraw` and `input` as for `createRecord`; `write` stores the input at the
    /// version given, and the record's page (the form's action) follows.
    func updateRecord<Form: RecordForm, Input>(
        _ form: Form, _ place: FormPlace, current: Int, context: AppRequestContext, redraw: Bool = false,
        input: (inout Form) async throws -> Input?, render: FormRedraw<Form>,
        write: (Input, _ version: Int) async throws -> Void
    ) async throws -> Response {
        guard let version = Int(form.version) else {
            throw HTTPError(.badRequest, message: strings[.errorMissingVersion])
        }
        if redraw { return try await render(form, place, false, .ok, context) }
        var form = form
        do {
            if let input = try await input(&form) {
                try await write(input, version)
                return Self.redirect(to: "\(place.action)?saved=1")
            }
        } catch let error as ValidationError {
            form.addErrors(error.errors)
        } catch StoreError.versionConflict {
            // Keep what this person typed; the next save, made knowingly, applies on the current version.
            form.version = String(current)
            return try await render(form, place, true, .conflict, context)
        }
        return try await render(form, place, false, .unprocessableContent, context)
    }

    /// Writes a change made by one button (a stage moved, answers set for many): a wrong field is refused with
    /// the reasons (422), a record changed meanwhile with the conflict notice (409).
    func writeChange(_ write: () async throws -> Void) async throws {
        do {
            try await write()
        } catch let error as ValidationError {
            throw HTTPError(.unprocessableContent, message: error.errors.map(\.message).joined(separator: " "))
        } catch StoreError.versionConflict {
            throw HTTPError(.conflict, message: strings[.conflictMessage])
        }
    }

    /// Asks before the record at `path` is deleted; the page's form posts to `path/delete`.
    func confirmDelete(of path: String, version: Int, prompt: String, context: AppRequestContext) -> Response {
        deletePage(
            DeleteModel(action: "\(path)/delete", cancel: path, version: version, prompt: prompt), context: context)
    }

    /// Deletes a record at the version the confirmation was drawn at: `write` deletes and says where to go. A
    /// record changed meanwhile is not deleted (409).
    func deleteRecord(
        _ request: Request, context: AppRequestContext, write: (_ version: Int?) async throws -> String
    ) async throws -> Response {
        let form = try await FormData.read(request, context: context)
        do {
            return Self.redirect(to: try await write(Int(form["version"])))
        } catch StoreError.versionConflict {
            throw HTTPError(.conflict, message: strings[.errorDeleteConflict])
        }
    }
}

extension AppRequestContext {
    /// The record the path's id names, read by `read`; a 404 naming its kind when there is none.
    func record<Record>(_ kind: RecordKind, _ read: (Int64) async throws -> Record?) async throws -> Record {
        let id = try recordID()
        guard let record = try await read(id) else { throw StoreError.notFound(entity: kind, id: id) }
        return record
    }
}
