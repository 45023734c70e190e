// An empty compiler_builtins for bpfel-unknown-none. core links against this crate by name,
// but the BPF backend cannot call library routines anyway: memcpy/memset are expanded
// inline by the pipeline, and the program must avoid u128 multiply and signed division.
#![feature(compiler_builtins)]
#![compiler_builtins]
#![no_std]
#![no_builtins]
