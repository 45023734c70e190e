/**
 * Solana syscalls an SBPF v0 program may call. The loader resolves a call to
 * an undefined symbol by murmur3-hashing its name and looking it up in its
 * syscall registry, so any undefined function not on this list would fail to
 * load (or fail at the call site on loaders that don't reject broken ELFs).
 *
 * Some entries are feature-gated on mainnet (sol_alloc_free_ is disabled for
 * new deployments; the curve/alt_bn128/poseidon/big_mod_exp/epoch_stake
 * families need their features active), but every name here is known to
 * the agave runtime.
 */
export const SOLANA_SYSCALLS: ReadonlySet<string> = new Set([
  "abort",
  "sol_panic_",
  "sol_log_",
  "sol_log_64_",
  "sol_log_compute_units_",
  "sol_log_pubkey",
  "sol_log_data",
  "sol_create_program_address",
  "sol_try_find_program_address",
  "sol_sha256",
  "sol_keccak256",
  "sol_secp256k1_recover",
  "sol_blake3",
  "sol_curve_validate_point",
  "sol_curve_group_op",
  "sol_curve_multiscalar_mul",
  "sol_get_clock_sysvar",
  "sol_get_epoch_schedule_sysvar",
  "sol_get_fees_sysvar",
  "sol_get_rent_sysvar",
  "sol_get_last_restart_slot",
  "sol_get_epoch_rewards_sysvar",
  "sol_get_sysvar",
  "sol_get_epoch_stake",
  "sol_memcpy_",
  "sol_memmove_",
  "sol_memcmp_",
  "sol_memset_",
  "sol_get_processed_sibling_instruction",
  "sol_get_stack_height",
  "sol_set_return_data",
  "sol_get_return_data",
  "sol_invoke_signed_c",
  "sol_invoke_signed_rust",
  "sol_alloc_free_",
  "sol_alt_bn128_group_op",
  "sol_big_mod_exp",
  "sol_poseidon",
  "sol_remaining_compute_units",
  "sol_alt_bn128_compression",
]);

/**
 * Compiler-generated runtime calls that map onto a syscall. Upstream LLVM
 * lowers `llvm.trap` / `__builtin_trap()` on BPF to `call __bpf_trap`.
 */
const SYSCALL_ALIASES: ReadonlyMap<string, string> = new Map([["__bpf_trap", "abort"]]);

/** Hints for common undefined functions that are not syscalls. */
const HINTS: ReadonlyMap<string, string> = new Map([
  ["memcpy", "call sol_memcpy_ or define memcpy in the program (clang emits memcpy for large struct copies)"],
  ["memmove", "call sol_memmove_ or define memmove in the program"],
  ["memset", "call sol_memset_ or define memset in the program (clang emits memset for zero-initialised arrays)"],
  ["memcmp", "call sol_memcmp_ or define memcmp in the program"],
]);

/** Maps an undefined function name to the syscall it resolves to, or undefined if it is not one. */
export function resolveSyscall(name: string): string | undefined {
  const target = SYSCALL_ALIASES.get(name) ?? name;
  return SOLANA_SYSCALLS.has(target) ? target : undefined;
}

/** A suggestion to append to the UNKNOWN_SYSCALL message, if we have one. */
export function syscallHint(name: string): string | undefined {
  const known = HINTS.get(name);
  if (known) return known;
  // Most syscall names end in an underscore that is easy to forget (sol_log_, sol_memcpy_, ...).
  const nearMiss = [`${name}_`, name.replace(/_$/, "")].find(
    (candidate) => candidate !== name && SOLANA_SYSCALLS.has(candidate),
  );
  return nearMiss ? `did you mean ${nearMiss}?` : undefined;
}
