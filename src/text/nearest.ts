/**
 * "Did you mean …?": the candidates closest to what was written, by edit distance
 * (fastest-levenshtein), ignoring case.
 */
import { distance } from 'fastest-levenshtein'

/** Up to three candidates closest to `wanted`, closest first. */
export function nearest(wanted: string, candidates: Iterable<string>): string[] {
  const lower = wanted.toLowerCase()
  return [...candidates]
    .map((candidate) => ({ candidate, d: distance(lower, candidate.toLowerCase()) }))
    .filter(({ candidate, d }) => d <= Math.max(2, Math.floor(candidate.length / 3)) || (candidate.length > 2 && lower.startsWith(candidate.toLowerCase())))
    .sort((a, b) => a.d - b.d || a.candidate.localeCompare(b.candidate))
    .slice(0, 3)
    .map(({ candidate }) => candidate)
}
