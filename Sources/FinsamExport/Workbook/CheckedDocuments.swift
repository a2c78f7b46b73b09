import Foundation
import FinsamModel

/// The findings about each document as the rules hand them over, organisation by organisation, so that a
/// document's sheet (which shows its findings) can be written while later organisations are still checked.
/// The rules deliver from any core; the workbook's thread takes the documents in batch order.
public final class CheckedDocuments: @unchecked Sendable {
    private let condition = NSCondition()
    /// Per document: the group it was delivered in, nil until then.
    private var group: [Int?]
    /// Per delivered group: every finding about its documents.
    private var groups: [[Finding]] = []
    /// When the rules were done (`deliverRest`): how long the sheets lag behind them is benchmark information.
    private var rulesDone: ContinuousClock.Instant?

    public init(documentCount: Int) {
        group = Array(repeating: nil, count: documentCount)
    }

    /// Every finding about `documents` (an organisation's), final: no later finding concerns them.
    public func deliver(documents: [Int], findings: [Finding]) {
        condition.lock()
        let g = groups.count
        groups.append(findings)
        for d in documents where d >= 0 && d < group.count && group[d] == nil { group[d] = g }
        condition.broadcast()
        condition.unlock()
    }

    /// The batch's findings for every document not delivered yet, once the rules are done: nothing waits forever.
    public func deliverRest(findings: [Finding]) {
        condition.lock()
        rulesDone = ContinuousClock.now
        condition.unlock()
        deliver(documents: Array(group.indices), findings: findings)
    }

    /// `rulesDone`, read under the lock.
    func rulesDoneAt() -> ContinuousClock.Instant? {
        condition.lock()
        defer { condition.unlock() }
        return rulesDone
    }

    /// The findings about document `d` and the group they came in (documents of one group share them);
    /// waits until they are delivered.
    func findings(for d: Int) -> (group: Int, findings: [Finding]) {
        condition.lock()
        defer { condition.unlock() }
        while group[d] == nil { condition.wait() }
        let g = group[d]!
        return (g, groups[g])
    }
}
