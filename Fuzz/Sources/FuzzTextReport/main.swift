import FinsamReaders
import FuzzSupport

@_cdecl("LLVMFuzzerTestOneInput")
func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    FuzzDriver.exercise(TextReportReader(), data, size, name: "fuzz.txt")
    return 0
}

FuzzDriver.run(fuzzOne)
