/** Entry point placeholder; replaced by the commander wiring. */
export async function main(_argv: string[]): Promise<number> {
  return 0;
}
