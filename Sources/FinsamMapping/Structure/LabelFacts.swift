import Foundation
import FinsamModel

/// What the structure search and the mapping read from a printed label alone, worked out once per distinct
/// label. A batch prints the same few hundred labels (`Summa kostnader`, `Personalkostnader`) in every report
/// and every table; the words, roles and total tests are pure functions of the label, so they are remembered
/// for the process (see `MatchMemo`; bounded).
///
/// A class: a table holds one reference per row, and handing one out retains it once instead of each of its
/// strings.
final class LabelFacts: Sendable {
    /// `LabelMapper.normalise`: what the label rules see.
    let key: String
    /// A number standing for `key` in this process: equal keys, equal numbers (see `KeyNumbers`), so the label
    /// rules' answers are looked up by an integer rather than by hashing and comparing the text per row.
    let keyNumber: Int32
    /// `LabelWords.normalised`: what the structure search sees.
    let words: String
    let role: LabelRole
    /// `TableStructure.isTotal`.
    let isTotal: Bool
    /// `TableStructure.isBareTotal`.
    let isBareTotal: Bool
    /// `LabelWords.isCostLike`, `isIncomeLike`, `isResultLike`, `isBottomLine` of `words`.
    let costLike: Bool
    let incomeLike: Bool
    let resultLike: Bool
    let bottomLine: Bool
    /// `RowContext.section(of: key)`: the section the label opens when it heads rows.
    let section: String?
    /// `key.hasPrefix("ingående")`: an opening balance, which opens a part of its table.
    let opensBalance: Bool
    /// Whether `words` name a cash flow (`kassaflöde`), and the period's (`årets`, `periodens`).
    let namesCashFlow: Bool
    let namesPeriod: Bool

    init(label: String) {
        key = LabelMapper.normalise(label)
        keyNumber = KeyNumbers.shared.number(for: key)
        words = LabelWords.normalised(label)
        role = LabelRole(normalised: words)
        isTotal = TableStructure.isTotal(label: label)
        isBareTotal = TableStructure.isBareTotal(normalised: key)
        costLike = LabelWords.isCostLike(words)
        incomeLike = LabelWords.isIncomeLike(words)
        resultLike = LabelWords.isResultLike(words)
        bottomLine = LabelWords.isBottomLine(words)
        section = RowContext.section(of: key)
        opensBalance = key.hasPrefix("ingående")
        namesCashFlow = TextSearch.contains(words, "kassaflöde")
        namesPeriod = TextSearch.contains(words, "årets") || TextSearch.contains(words, "periodens")
    }

    private static let memo = MatchMemo<ExactText, LabelFacts>(capacity: 1 << 16)

    static func of(_ label: String) -> LabelFacts {
        memo.value(for: ExactText(label)) { LabelFacts(label: label) }
    }
}

/// Numbers for normalised labels, one per distinct text (by its bytes), for the process. Past `capacity`
/// texts a text gets no number of its own (`unnumbered`), and lookups keyed on it fall back to the text.
final class KeyNumbers: @unchecked Sendable {
    static let shared = KeyNumbers()
    static let unnumbered: Int32 = -1

    private let lock = NSLock()
    private var numbers: [ExactText: Int32] = [:]
    private let capacity = 1 << 20

    func number(for key: String) -> Int32 {
        lock.lock()
        defer { lock.unlock() }
        if let n = numbers[ExactText(key)] { return n }
        guard numbers.count < capacity else { return KeyNumbers.unnumbered }
        let n = Int32(numbers.count)
        numbers[ExactText(key)] = n
        return n
    }
}
