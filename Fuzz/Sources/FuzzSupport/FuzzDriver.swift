import Foundation
import FinsamModel
import FinsamReaders

/// libFuzzer's own driver, for programs that have their own `main` (SwiftPM executables always do).
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

public enum FuzzDriver {
    /// Runs libFuzzer with the process arguments, feeding each input to `body`.
    public static func run(_ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> Never {
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> = CommandLine.unsafeArgv
        let status = LLVMFuzzerRunDriver(&argc, &argv, callback)
        exit(status)
    }

    /// Any bytes must be read or rejected with an `InputError`: never a crash, a trap or a hang.
    public static func exercise(_ reader: some FormatReader, _ data: UnsafePointer<UInt8>?, _ size: Int, name: String) {
        let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
        let file = InputFile(path: name, bytes: bytes)
        if reader.recognises(file) { _ = try? reader.read(file) }
    }
}
