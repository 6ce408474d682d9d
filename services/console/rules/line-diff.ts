/**
 * A line diff for the audit trail of rule changes (what an analyst changed, readable later):
 * longest common subsequence over lines, printed as `-old` / `+new` lines with `@@ line` marks.
 * Rule files are small (hundreds of lines), so the quadratic table is fine; bigger inputs
 * fall back to "replaced whole".
 */
export function lineDiff(before: string, after: string, maxCells = 4_000_000): string[] {
  const a = before.split('\n');
  const b = after.split('\n');
  if (a.length * b.length > maxCells) return [`@@ whole file replaced (${a.length} → ${b.length} lines)`];
  const n = a.length;
  const m = b.length;
  const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const out: string[] = [];
  let i = 0;
  let j = 0;
  let inHunk = false;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      i++;
      j++;
      inHunk = false;
      continue;
    }
    if (!inHunk) {
      out.push(`@@ line ${j + 1}`);
      inHunk = true;
    }
    if (j < m && (i >= n || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) out.push(`+${b[j++]}`);
    else out.push(`-${a[i++]}`);
  }
  return out;
}
