// The container-iam command (stub: the commands follow).
export async function main(_argv: string[]): Promise<number> {
  process.stderr.write('container-iam: no commands yet.\n');
  return 2;
}
