// A text input that reports every change but shows what the person typed while it
// has focus, so a value that is normalised on the way into the store (`a, b,`) does
// not jump under the cursor.
import { useState, type InputHTMLAttributes } from 'react';

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange'> & {
  value: string;
  onCommit: (text: string) => void;
};

export function DraftInput({ value, onCommit, onFocus, onBlur, ...rest }: Props) {
  const [draft, setDraft] = useState<string | null>(null);
  return (
    <input
      {...rest}
      value={draft ?? value}
      onFocus={(e) => {
        setDraft(value);
        onFocus?.(e);
      }}
      onChange={(e) => {
        setDraft(e.currentTarget.value);
        onCommit(e.currentTarget.value);
      }}
      onBlur={(e) => {
        setDraft(null);
        onBlur?.(e);
      }}
    />
  );
}
