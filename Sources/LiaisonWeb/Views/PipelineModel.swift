import Foundation
import LiaisonCore
import LiaisonStore

extension PipelineStage: Labelled { static var labelPrefix: String { "pipeline_stage_" } }

/// What the prospect form holds, as typed. Its field names are the input's, so the store's errors land
/// beside their fields.
struct ProspectForm {
    var organizationId = ""
    var organizationName = ""
    var stage = PipelineStage.identified.rawValue
    var ownerAccountId = ""
    var targetDate = ""
    var targetActivityId = ""
    var likelihood = ""
    var nextStep = ""
    var stageNote = ""
    var stageActivityId = ""
    var stageDate = ""
    var version = ""
    var errors: [String: String] = [:]

    init() {}

    init(_ prospect: Prospect) {
        let input = prospect.input
        organizationId = String(input.organizationId)
        organizationName = prospect.organizationName
        stage = input.stage.rawValue
        ownerAccountId = input.ownerAccountId.map(String.init) ?? ""
        targetDate = input.targetDate ?? ""
        targetActivityId = input.targetActivityId.map(String.init) ?? ""
        likelihood = input.likelihood.map(String.init) ?? ""
        nextStep = input.nextStep ?? ""
        version = String(prospect.version)
    }

    init(form: FormData) {
        organizationId = form["organizationId"]
        organizationName = form["organizationName"]
        stage = form["stage"]
        ownerAccountId = form["ownerAccountId"]
        targetDate = form["targetDate"]
        targetActivityId = form["targetActivityId"]
        likelihood = form["likelihood"]
        nextStep = form["nextStep"]
        stageNote = form["stageNote"]
        stageActivityId = form["stageActivityId"]
        stageDate = form["stageDate"]
        version = form["version"]
    }

    /// The input the form says, or nil with `errors` set for what cannot even be read (a stage not offered,
    /// a number that is not one). The store checks the rest.
    mutating func input(strings t: Strings) -> ProspectInput? {
        func id(_ field: String, _ text: String) -> Int64? { errors.recordId(field, text, strings: t) }
        let stageValue = PipelineStage(rawValue: stage)
        if stageValue == nil { errors["stage"] = t[.errorPipelineStage] }
        var likelihoodValue: Int?
        let likelihoodText = likelihood.trimmingCharacters(in: .whitespaces)
        if !likelihoodText.isEmpty {
            likelihoodValue = Int(likelihoodText)
            if likelihoodValue == nil { errors["likelihood"] = t[.errorLikelihood] }
        }
        let input = ProspectInput(
            organizationId: id("organizationId", organizationId) ?? 0, stage: stageValue ?? .identified,
            ownerAccountId: id("ownerAccountId", ownerAccountId), targetDate: targetDate,
            targetActivityId: id("targetActivityId", targetActivityId), likelihood: likelihoodValue,
            nextStep: nextStep, stageNote: stageNote, stageActivityId: id("stageActivityId", stageActivityId),
            stageDate: stageDate)
        return errors.isEmpty ? input : nil
    }

    mutating func addErrors(_ list: [FieldError]) {
        for error in list {
            errors.add(error.message, beside: error.field)
        }
    }
}

/// The activities a prospect form offers: upcoming events to join by, and the organization's own activities
/// where a move may have happened.
struct ProspectChoices {
    var staff: [StaffAccount]
    var targets: [ActivitySummary]
    var places: [ActivitySummary]
}

struct ProspectFormModel {
    let heading: String
    let action: String
    let cancel: String
    let conflict: Bool
    let version: String
    let organizationName: String
    let fields: [FormField]
    let move: [FormField]
    let hidden: [(name: String, value: String)]
    let errorSummary: [FieldErrorLink]

    init(
        form: ProspectForm, heading: String, action: String, cancel: String, conflict: Bool,
        choices: ProspectChoices, strings t: Strings
    ) {
        self.heading = heading
        self.action = action
        self.cancel = cancel
        self.conflict = conflict
        version = form.version
        organizationName = form.organizationName
        func field(_ name: String, _ label: StringKey, _ value: String, control: FormField.Control = .text)
            -> FormField
        {
            FormField(name: name, label: t[label], value: value, error: form.errors[name], control: control)
        }
        var stage = field("stage", .fieldPipelineStage, "", control: .select)
        stage.options = FormField.choices(
            PipelineStage.allCases.map { ($0.rawValue, t.label($0)) }, selected: form.stage, blank: nil)
        stage.hint = t[.hintPipelineJoined]
        var owner = field("ownerAccountId", .fieldOwner, "", control: .select)
        owner.options = FormField.choices(
            choices.staff.map { (String($0.id), $0.name) }, selected: form.ownerAccountId, blank: t[.followUpNobody])
        var target = field("targetActivityId", .fieldTargetActivity, "", control: .select)
        target.options = FormField.choices(
            choices.targets.map { (String($0.id), "\($0.title) (\($0.start.prefix(10)))") },
            selected: form.targetActivityId, blank: t[.pipelineNoActivity])
        var likelihood = field("likelihood", .fieldLikelihood, form.likelihood, control: .number)
        likelihood.hint = t[.hintLikelihood]
        fields = [
            stage, owner, field("targetDate", .fieldTargetDate, form.targetDate, control: .date), target, likelihood,
            field("nextStep", .fieldNextStep, form.nextStep),
        ]
        var place = field("stageActivityId", .fieldStageActivity, "", control: .select)
        place.options = FormField.choices(
            choices.places.map { (String($0.id), "\($0.title) (\($0.start.prefix(10)))") },
            selected: form.stageActivityId, blank: t[.pipelineNoActivity])
        var day = field("stageDate", .fieldStageDate, form.stageDate, control: .date)
        day.hint = t[.hintStageDate]
        move = [day, field("stageNote", .fieldStageNote, form.stageNote, control: .textarea), place]
        hidden = [("organizationId", form.organizationId), ("organizationName", form.organizationName)]
        errorSummary =
            (fields + move).compactMap { field in field.error.map { FieldErrorLink(id: field.id, message: $0) } }
            + (form.errors["organizationId"].map { [FieldErrorLink(id: "f-stage", message: $0)] } ?? [])
    }
}

/// A card of the board: who, where, since when, what next, and the form that moves it.
struct ProspectCard {
    let summary: ProspectSummary
    let stageLabel: String
    let facts: [String]

    init(_ s: ProspectSummary, regions: RegionCatalog, strings t: Strings) {
        summary = s
        stageLabel = t.label(s.stage)
        var facts: [String] = []
        let place = [
            s.country.map { Country.named(code: $0)?.name ?? $0 }, s.region.flatMap { regions.region(key: $0)?.name },
        ]
        .compactMap { $0 }.joined(separator: " · ")
        if !place.isEmpty { facts.append(place) }
        facts.append(String(format: t[.pipelineSince], s.stageSince))
        if let owner = s.ownerName { facts.append(String(format: t[.pipelineOwnedBy], owner)) }
        if let title = s.targetActivityTitle {
            facts.append(String(format: t[.pipelineTarget], title))
        } else if let date = s.targetDate {
            facts.append(String(format: t[.pipelineTarget], date))
        }
        if let likelihood = s.likelihood { facts.append(String(format: t[.pipelineLikelihood], likelihood)) }
        if let next = s.nextStep { facts.append(String(format: t[.pipelineNextStep], next)) }
        self.facts = facts
    }
}

/// The filters every pipeline page shares, as read from the address.
struct PipelineFilters {
    var query = ProspectQuery()
    var errors: [FieldError] = []
    /// The filters as they were typed, to write them back into the form and the links.
    var values: [String: String] = [:]

    static let names = ["region", "country", "owner", "target"]

    init(_ parameters: [String: String], regions: RegionCatalog, strings t: Strings) {
        var reader = QueryReader(parameters, strict: false)
        if let region = reader.value("region") {
            if regions.regions.contains(where: { $0.key == region }) {
                query.region = region
            } else {
                reader.fail("region", "choice", t[.errorUnknownRegion])
            }
        }
        query.country = reader.country()
        query.ownerAccountId = reader.recordId("owner")
        query.targetActivityId = reader.recordId("target")
        errors = reader.errors
        for name in Self.names { if let value = parameters[name], !value.isEmpty { values[name] = value } }
    }

    /// The address of `path` with these filters and `extra`.
    func link(_ path: String, _ extra: [(String, String)] = []) -> String {
        var parts = URLComponents()
        parts.path = path
        let items =
            Self.names.compactMap { name in values[name].map { URLQueryItem(name: name, value: $0) } }
            + extra.map { URLQueryItem(name: $0.0, value: $0.1) }
        parts.queryItems = items.isEmpty ? nil : items
        return parts.string ?? path
    }

    func fields(staff: [StaffAccount], targets: [ActivitySummary], regions: RegionCatalog, strings t: Strings)
        -> [FormField]
    {
        func error(_ name: String) -> String? { errors.first { $0.field == name }?.message }
        var region = FormField(name: "region", label: t[.filterRegion], error: error("region"), control: .select)
        region.options = FormField.choices(
            regions.regions.map { ($0.key, $0.name) }, selected: values["region"] ?? "", blank: t[.any])
        var country = FormField(name: "country", label: t[.filterCountry], error: error("country"), control: .select)
        country.options = FormField.choices(
            Country.allByName.map { ($0.code, $0.name) }, selected: values["country"]?.uppercased() ?? "",
            blank: t[.any])
        var owner = FormField(name: "owner", label: t[.fieldOwner], error: error("owner"), control: .select)
        owner.options = FormField.choices(
            staff.map { (String($0.id), $0.name) }, selected: values["owner"] ?? "", blank: t[.anyone])
        var target = FormField(name: "target", label: t[.fieldTargetActivity], error: error("target"), control: .select)
        target.options = FormField.choices(
            targets.map { (String($0.id), $0.title) }, selected: values["target"] ?? "", blank: t[.any])
        return [region, country, owner, target]
    }
}
