import Foundation

/// Evaluates the formulas finsam writes, over the values stored in a workbook read back: cell and range
/// references (with or without a sheet), numbers, strings, `+ - * /`, unary minus, parentheses, `SUM`, `MAX`
/// and `COUNTIFS`. A formula outside that subset is an error, so a test notices new kinds of formula.
struct WorkbookFormulaEvaluator {
    let workbook: WorkbookReader

    enum Value {
        case number(Double)
        case text(String)
        case list([WorkbookReader.Value])
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    func evaluate(_ formula: String, on sheet: String) throws -> Double {
        var p = Parser(tokens: try tokenize(formula), evaluator: self, sheet: sheet)
        let v = try p.expression()
        guard p.atEnd else { throw Failure(description: "trailing input in \(formula)") }
        return try number(v)
    }

    func number(_ v: Value) throws -> Double {
        switch v {
        case .number(let n): return n
        case .text(let s): throw Failure(description: "text \(s) where a number is needed")
        case .list(let items):
            guard items.count == 1 else { throw Failure(description: "a range where a number is needed") }
            return items[0].number ?? 0
        }
    }

    enum Token: Equatable {
        case number(Double), text(String), ref(sheet: String?, from: String, to: String?), name(String)
        case op(Character)
    }

    func tokenize(_ s: String) throws -> [Token] {
        var out: [Token] = []
        let chars = Array(s.hasPrefix("=") ? String(s.dropFirst()) : s)
        var i = 0
        func cellRef(at j: inout Int) -> String? {
            var k = j
            while k < chars.count, chars[k] == "$" || chars[k].isUppercase { k += 1 }
            let letters = k
            while k < chars.count, chars[k] == "$" || chars[k].isNumber { k += 1 }
            guard letters > j, k > letters else { return nil }
            let ref = String(chars[j..<k]).replacingOccurrences(of: "$", with: "")
            j = k
            return ref
        }
        while i < chars.count {
            let c = chars[i]
            if c == " " { i += 1; continue }
            if "+-*/(),".contains(c) { out.append(.op(c)); i += 1; continue }
            if c == "\"" {
                var j = i + 1
                var text = ""
                while j < chars.count, chars[j] != "\"" { text.append(chars[j]); j += 1 }
                out.append(.text(text))
                i = j + 1
                continue
            }
            if c.isNumber {
                var j = i
                while j < chars.count, chars[j].isNumber || chars[j] == "." { j += 1 }
                out.append(.number(Double(String(chars[i..<j]))!))
                i = j
                continue
            }
            var sheet: String?
            if c == "'" {
                var j = i + 1
                var name = ""
                while j < chars.count {
                    if chars[j] == "'" {
                        if j + 1 < chars.count, chars[j + 1] == "'" { name.append("'"); j += 2; continue }
                        break
                    }
                    name.append(chars[j])
                    j += 1
                }
                guard j + 1 < chars.count, chars[j + 1] == "!" else { throw Failure(description: "bad sheet reference in \(s)") }
                sheet = name
                i = j + 2
            }
            var j = i
            if let from = cellRef(at: &j) {
                var to: String?
                if j < chars.count, chars[j] == ":" {
                    j += 1
                    to = cellRef(at: &j)
                }
                out.append(.ref(sheet: sheet, from: from, to: to))
                i = j
                continue
            }
            guard sheet == nil else { throw Failure(description: "bad reference in \(s)") }
            var k = i
            while k < chars.count, chars[k].isLetter { k += 1 }
            guard k > i else { throw Failure(description: "unexpected \(c) in \(s)") }
            out.append(.name(String(chars[i..<k])))
            i = k
        }
        return out
    }

    func cells(sheet: String, from: String, to: String?) throws -> [WorkbookReader.Value] {
        guard let s = workbook.sheet(sheet) else { throw Failure(description: "no sheet \(sheet)") }
        guard let a = WorkbookReader.split(from) else { throw Failure(description: "bad ref \(from)") }
        let b = try to.map { t -> (row: Int, col: Int) in
            guard let b = WorkbookReader.split(t) else { throw Failure(description: "bad ref \(t)") }
            return b
        } ?? a
        var out: [WorkbookReader.Value] = []
        for r in min(a.row, b.row)...max(a.row, b.row) {
            for c in min(a.col, b.col)...max(a.col, b.col) { out.append(s.value(r, c)) }
        }
        return out
    }

    struct Parser {
        var tokens: [Token]
        let evaluator: WorkbookFormulaEvaluator
        let sheet: String
        var i = 0

        init(tokens: [Token], evaluator: WorkbookFormulaEvaluator, sheet: String) {
            self.tokens = tokens
            self.evaluator = evaluator
            self.sheet = sheet
        }

        var atEnd: Bool { i == tokens.count }

        mutating func peekOp() -> Character? {
            if i < tokens.count, case .op(let c) = tokens[i] { return c }
            return nil
        }

        mutating func expression() throws -> Value {
            var v = try evaluator.number(try term())
            while let op = peekOp(), op == "+" || op == "-" {
                i += 1
                let r = try evaluator.number(try term())
                v = op == "+" ? v + r : v - r
            }
            return .number(v)
        }

        mutating func term() throws -> Value {
            var v = try unary()
            while let op = peekOp(), op == "*" || op == "/" {
                i += 1
                let l = try evaluator.number(v)
                let r = try evaluator.number(try unary())
                v = .number(op == "*" ? l * r : l / r)
            }
            return v
        }

        mutating func unary() throws -> Value {
            if peekOp() == "-" {
                i += 1
                return .number(-(try evaluator.number(try unary())))
            }
            return try primary()
        }

        mutating func arguments() throws -> [Value] {
            guard peekOp() == "(" else { throw Failure(description: "expected (") }
            i += 1
            var args: [Value] = []
            while peekOp() != ")" {
                args.append(try argument())
                if peekOp() == "," { i += 1 }
            }
            i += 1
            return args
        }

        /// A range stays a list inside a function's arguments.
        mutating func argument() throws -> Value {
            if i < tokens.count, case .ref(let s, let from, let to?) = tokens[i] {
                i += 1
                return .list(try evaluator.cells(sheet: s ?? sheet, from: from, to: to))
            }
            if i < tokens.count, case .text(let t) = tokens[i] {
                i += 1
                return .text(t)
            }
            return try expression()
        }

        mutating func primary() throws -> Value {
            guard i < tokens.count else { throw Failure(description: "unexpected end") }
            let t = tokens[i]
            i += 1
            switch t {
            case .number(let n): return .number(n)
            case .text(let s): return .text(s)
            case .ref(let s, let from, let to):
                let values = try evaluator.cells(sheet: s ?? sheet, from: from, to: to)
                return to == nil ? .number(values[0].number ?? 0) : .list(values)
            case .op("("):
                let v = try expression()
                guard peekOp() == ")" else { throw Failure(description: "expected )") }
                i += 1
                return v
            case .name(let f):
                let args = try arguments()
                return .number(try call(f, args))
            default:
                throw Failure(description: "unexpected token \(t)")
            }
        }

        func call(_ name: String, _ args: [Value]) throws -> Double {
            func numbers(_ v: Value) -> [Double] {
                switch v {
                case .number(let n): [n]
                case .text: []
                case .list(let items): items.compactMap(\.number)
                }
            }
            switch name.uppercased() {
            case "SUM": return args.flatMap(numbers).reduce(0, +)
            case "MAX": return args.flatMap(numbers).max() ?? 0
            case "COUNTIFS":
                guard args.count % 2 == 0, case .list(let first) = args[0] else { throw Failure(description: "COUNTIFS arguments") }
                var count = 0
                for k in first.indices {
                    var all = true
                    for pair in stride(from: 0, to: args.count, by: 2) {
                        guard case .list(let range) = args[pair] else { throw Failure(description: "COUNTIFS range") }
                        let cell = range[k]
                        switch args[pair + 1] {
                        case .text(let t): all = all && cell.text?.lowercased() == t.lowercased()
                        case .number(let n): all = all && cell.number == n
                        case .list(let l): all = all && l.count == 1 && cell == l[0]
                        }
                    }
                    if all { count += 1 }
                }
                return Double(count)
            default:
                throw Failure(description: "unknown function \(name)")
            }
        }
    }
}
