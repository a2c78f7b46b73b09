import Foundation
import Testing
@testable import FinsamMapping
@testable import FinsamModel

/// The mapping's cheaper forms of general operations answer exactly as the operations they replace.
@Suite struct MappingFastPathTests {
    typealias Generator = FastPathEquivalenceTests.Generator

    /// Byte equality of memo keys by memory, against the element-by-element comparison it replaced, on pairs
    /// that are equal, differ in one place, are prefixes of each other, or are canonically equal but spelled
    /// apart (`ä` precomposed and decomposed must stay two keys).
    @Test func sameBytesIsUTF8Equality() {
        var g = Generator(state: 7)
        var pairs: [(String, String)] = [("", ""), ("ä", "a\u{0308}"), ("Summa", "Summa "), ("kr", "kR"), ("x", "")]
        for _ in 0..<3000 {
            let a = g.string(maxLength: 40)
            switch g.next() % 4 {
            case 0: pairs.append((a, String(decoding: Array(a.utf8), as: UTF8.self)))
            case 1: pairs.append((a, a + g.string(maxLength: 3)))
            case 2: pairs.append((a, g.string(maxLength: 40)))
            default:
                var bytes = Array(a.utf8)
                if !bytes.isEmpty { bytes[Int(g.next() % UInt64(bytes.count))] ^= 0x01 }
                pairs.append((a, String(decoding: bytes, as: UTF8.self)))
            }
        }
        var equal = 0, unequal = 0
        for (a, b) in pairs {
            let expected = a.utf8.elementsEqual(b.utf8)
            if expected { equal += 1 } else { unequal += 1 }
            #expect(ExactText.sameBytes(a, b) == expected, "\(a.debugDescription) \(b.debugDescription)")
            #expect((ExactText(a) == ExactText(b)) == expected)
        }
        #expect(equal > 500 && unequal > 500)
    }

    /// A note built from pieces is the interpolated String, byte for byte.
    @Test func noteTextIsConcatenation() {
        var g = Generator(state: 11)
        for _ in 0..<1000 {
            let old = g.string(maxLength: 30), label = g.string(maxLength: 30), concept = g.string(maxLength: 12)
            let line = Int(g.next() % 100_000) - 50
            var note = NoteText()
            note.add(old)
            note.add("; post under ”")
            note.add(label)
            note.add("” (rad ")
            note.add(line)
            note.add("): ")
            note.add(concept)
            let expected = "\(old); post under ”\(label)” (rad \(line)): \(concept)"
            #expect(Array(note.text.utf8) == Array(expected.utf8))
        }
        #expect(LabelMapper.how("etikett ”", "Summa intäkter", " i avsnittet intakter") == "etikett ”Summa intäkter” i avsnittet intakter")
    }

    /// The total links by row against a dictionary given the same writes, in any order.
    @Test func totalLinksActLikeADictionary() {
        var g = Generator(state: 13)
        for _ in 0..<200 {
            let rows = Int(g.next() % 40) + 1
            var links = TotalLinks(rows: rows)
            var reference: [Int: TotalLink] = [:]
            for _ in 0..<Int(g.next() % 60) {
                let r = Int(g.next() % UInt64(rows))
                let link: TotalLink? = g.next() % 8 == 0
                    ? nil : TotalLink(total: r, items: [SignedRow(row: Int(g.next() % UInt64(rows)), sign: g.next() % 2 == 0 ? 1 : -1)])
                links[r] = link
                reference[r] = link
            }
            for r in 0..<rows { #expect(links[r] == reference[r]) }
            #expect(links.inRowOrder == reference.values.sorted { $0.total < $1.total })
        }
    }
}
