import FinsamReaders
import FuzzSupport

@_cdecl("LLVMFuzzerTestOneInput")
func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    FuzzDriver.exercise(SIE4Reader(), data, size, name: "fuzz.se")
    return 0
}

FuzzDriver.run(fuzzOne)
