// Engine and example texts put names in backticks; show those as code.
export function Inline({ text }: { text: string }) {
  const parts = text.split('`');
  // An odd count of backticks leaves the text as written.
  if (parts.length % 2 === 0) return <>{text}</>;
  return <>{parts.map((p, i) => (i % 2 ? <code key={i}>{p}</code> : p))}</>;
}
