/**
 * rustc flags shared by the sysroot and the program crate. Changing any of them changes
 * the sysroot cache key.
 */
export const TARGET = "bpfel-unknown-none";

export const RUSTC_FLAGS = [
  "--edition=2024",
  `--target=${TARGET}`,
  "-Copt-level=2",
  "-Cpanic=abort",
  "-Ccodegen-units=1",
  // v1/v2 only: v3+ emits JMP32 and ALU32, which SBPF v0 rejects or mis-executes.
  "-Ctarget-cpu=v2",
  "-Cdebuginfo=0",
  // Panic locations would embed source paths in .rodata: bigger, and machine-dependent.
  "-Zlocation-detail=none",
];

/** Nightly-only flags on a stable compiler, as Rust's own bootstrap does. */
export const RUSTC_ENV = { RUSTC_BOOTSTRAP: "1" };

export const LLC_FLAGS = [
  "-march=bpfel",
  "-mcpu=v2",
  "-bpf-stack-size=4096",
  "-O2",
  "-filetype=obj",
  // Cold functions (panic paths) would otherwise land in a second `.text.unlikely.` section;
  // SBPF v0 loads exactly one text section.
  "-profile-guided-section-prefix=false",
];

/** Everything but the loader's entry is internal, so unused code is dropped. */
export const OPT_FLAGS = [
  "-passes=internalize,globaldce,default<O2>,globaldce",
  "-internalize-public-api-list=entrypoint",
];
