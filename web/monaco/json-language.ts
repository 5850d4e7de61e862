// JSON for the policy editor without Monaco's JSON language service: its worker and
// the editor features it pulls in cost ~290 KB gzipped, more than the page's budget
// allows. Everything it gave us is here in a few lines: tokens (Monarch), brackets,
// and the formatter (jsonc-parser's, the one the JSON language service itself uses).
// Syntax errors, comments and trailing commas are reported by the engine's validator.
import { format, type FormattingOptions } from 'jsonc-parser';
import type * as Monaco from 'monaco-editor/editor';

type M = typeof Monaco;

export function registerJson(monaco: M): void {
  if (monaco.languages.getLanguages().some((l) => l.id === 'json')) return;
  monaco.languages.register({ id: 'json', extensions: ['.json'], aliases: ['JSON', 'json'], mimetypes: ['application/json'] });

  monaco.languages.setLanguageConfiguration('json', {
    wordPattern: /(-?\d*\.\d\w*)|([^[{\]}:",\s]+)/g,
    brackets: [
      ['{', '}'],
      ['[', ']'],
    ],
    autoClosingPairs: [
      { open: '{', close: '}', notIn: ['string'] },
      { open: '[', close: ']', notIn: ['string'] },
      { open: '"', close: '"', notIn: ['string'] },
    ],
    surroundingPairs: [
      { open: '{', close: '}' },
      { open: '[', close: ']' },
      { open: '"', close: '"' },
    ],
  });

  monaco.languages.setMonarchTokensProvider('json', {
    defaultToken: 'invalid',
    tokenPostfix: '.json',
    tokenizer: {
      root: [
        [/\s+/, ''],
        [/[{}[\]]/, '@brackets'],
        [/"(?:[^"\\]|\\.)*"(?=\s*:)/, 'string.key'],
        [/"(?:[^"\\]|\\.)*"/, 'string.value'],
        [/"(?:[^"\\]|\\.)*$/, 'string.invalid'],
        [/-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?/, 'number'],
        [/\b(?:true|false|null)\b/, 'keyword'],
        [/[,:]/, 'delimiter'],
      ],
    },
  });

  const edits = (model: Monaco.editor.ITextModel, options: Monaco.languages.FormattingOptions, range?: Monaco.IRange): Monaco.languages.TextEdit[] => {
    const text = model.getValue();
    const fo: FormattingOptions = { tabSize: options.tabSize, insertSpaces: options.insertSpaces, eol: model.getEOL(), insertFinalNewline: false };
    const r = range ? { offset: model.getOffsetAt({ lineNumber: range.startLineNumber, column: range.startColumn }), length: 0 } : undefined;
    if (r && range) r.length = model.getOffsetAt({ lineNumber: range.endLineNumber, column: range.endColumn }) - r.offset;
    return format(text, r, fo).map((e) => {
      const start = model.getPositionAt(e.offset);
      const end = model.getPositionAt(e.offset + e.length);
      return { range: new monaco.Range(start.lineNumber, start.column, end.lineNumber, end.column), text: e.content };
    });
  };
  monaco.languages.registerDocumentFormattingEditProvider('json', { provideDocumentFormattingEdits: (model, options) => edits(model, options) });
  monaco.languages.registerDocumentRangeFormattingEditProvider('json', { provideDocumentRangeFormattingEdits: (model, range, options) => edits(model, options, range) });
}
