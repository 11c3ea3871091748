/** Whether a text holds a Latin or Cyrillic letter (phones, durations: words among the digits). */
export function hasLetter(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i) | 32;
    if ((c >= 97 && c <= 122) || (c >= 0x430 && c <= 0x45f)) return true;
  }
  return false;
}
