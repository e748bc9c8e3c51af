import Foundation
import LiaisonCore
import Testing

/// Task lines of a report, the follow-ups they become, and the handles that name colleagues.
@Suite struct ReportTasksTests {
    @Test func theTripReportsTaskLine() {
        let tasks = ReportTasks.tasks(
            in: "We met Foshan.\n\n- [ ] request the email contacts of all participants @Agnès due 2026-12-15\n")
        #expect(tasks.count == 1)
        let task = tasks[0]
        #expect(task.line == 2)
        #expect(!task.done)
        #expect(task.title == "request the email contacts of all participants")
        #expect(task.assigneeHandle == "Agnès")
        #expect(task.dueDate == "2026-12-15")
        #expect(task.key == "request the email contacts of all participants")
    }

    @Test func bulletsNumbersAndTickedBoxes() {
        let body = "* [x] send photos\n+ [ ] call Zhuhai\n1. [X] book rooms\n- [] not a task\n- [ ]\n-[ ] no space"
        let tasks = ReportTasks.tasks(in: body)
        #expect(tasks.map(\.title) == ["send photos", "call Zhuhai", "book rooms"])
        #expect(tasks.map(\.done) == [true, false, true])
    }

    @Test func codeBlocksHoldNoTasks() {
        #expect(ReportTasks.tasks(in: "```\n- [ ] example\n```\n- [ ] real").map(\.title) == ["real"])
    }

    @Test func aHandleInsideTheSentenceStaysAndStillAssigns() {
        let task = ReportTasks.tasks(in: "- [ ] ask @agnes to send the invitations due: 2027-01-10")[0]
        #expect(task.title == "ask @agnes to send the invitations")
        #expect(task.assigneeHandle == "agnes")
        #expect(task.dueDate == "2027-01-10")
    }

    @Test func anImpossibleDueDateStaysInTheTitle() {
        let task = ReportTasks.tasks(in: "- [ ] follow up due 2026-02-30")[0]
        #expect(task.dueDate == nil)
        #expect(task.title == "follow up due 2026-02-30")
    }

    @Test func aLineTicksByItsWords() {
        let body = "Intro\n- [ ] request contacts @Agnès\n- [ ] Invite  Qingdao!"
        let key = ReportTask.key("invite qingdao")
        #expect(ReportTasks.tasks(in: body).map(\.key) == ["request contacts", key])
        let ticked = ReportTasks.ticking(body, key: key, done: true)
        #expect(ticked == "Intro\n- [ ] request contacts @Agnès\n- [x] Invite  Qingdao!")
        #expect(ReportTasks.ticking(ticked!, key: key, done: true) == nil)
        #expect(ReportTasks.ticking(ticked!, key: key, done: false) == body)
        #expect(ReportTasks.ticking(body, key: "nothing like it", done: true) == nil)
    }

    @Test func handlesNameOneColleagueOrNone() {
        let staff = StaffHandles([
            (id: 1, name: "Agnès Bickart", email: "agnes.bickart@liaison.example"),
            (id: 2, name: "Chen Wei", email: "wei@liaison.example"),
            (id: 3, name: "Chen Li", email: "li.chen@liaison.example"),
        ])
        #expect(staff.account(for: "Agnès") == 1)
        #expect(staff.account(for: "agnes") == 1)
        #expect(staff.account(for: "AgnesBickart") == 1)
        #expect(staff.account(for: "agnes.bickart") == 1)
        #expect(staff.account(for: "chen") == nil, "two colleagues are called Chen")
        #expect(staff.account(for: "chenwei") == 2)
        #expect(staff.account(for: "wei") == 2)
        #expect(staff.account(for: "nobody") == nil)
        #expect(staff.accounts(in: "Thanks @Agnès, and @chenwei; @agnes again") == [1, 2])
    }

    @Test func emailAddressesAreNoHandles() {
        #expect(StaffHandles.handles(in: "write to agnes@example.org or @Li.") == ["Li"])
        #expect(StaffHandles.handles(in: "(@Agnès)") == ["Agnès"])
    }

    @Test func reportInputRules() throws {
        #expect(throws: ValidationError.self) { try ReportInput(title: " ").normalized().validate() }
        let many = ReportInput(title: "t", authorAccountIds: Array(1...21))
        #expect(throws: ValidationError.self) { try many.normalized().validate() }
        let both = ReportInput(
            title: "t", linksAdded: [MentionTarget(.organization, 1)], linksRemoved: [MentionTarget(.organization, 1)])
        #expect(throws: ValidationError.self) { try both.normalized().validate() }
        let fine = ReportInput(title: " Mission ", body: "a\r\nb", authorAccountIds: [3, 3]).normalized()
        try fine.validate()
        #expect(fine.title == "Mission" && fine.body == "a\nb" && fine.authorAccountIds == [3])
    }

    @Test func followUpRules() throws {
        #expect(throws: ValidationError.self) { try FollowUpInput(title: "x", dueDate: "15/12/2026").validate() }
        #expect(throws: ValidationError.self) { try FollowUpInput(title: "").validate() }
        try FollowUpInput(title: "x", dueDate: "2026-12-15").validate()
        let followUp = FollowUp(
            id: 1, input: FollowUpInput(title: "x", dueDate: "2026-12-15"), createdByAccountId: nil, taskKey: nil,
            version: 1, createdAt: Date(), updatedAt: Date())
        #expect(followUp.isOverdue(today: "2026-12-16"))
        #expect(!followUp.isOverdue(today: "2026-12-15"))
        var done = followUp
        done.input.status = .done
        #expect(!done.isOverdue(today: "2027-01-01"))
    }
}
