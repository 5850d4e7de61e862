import { readFileSync, readdirSync } from 'node:fs';
import { validatePolicy } from './index';
import { loadAllActionNamesSync } from '../catalog/index';
loadAllActionNamesSync(JSON.parse(readFileSync('engine/catalog/data/action-names.json', 'utf8')));
for (const f of readdirSync('engine/corpus/examples')) {
  const j = JSON.parse(readFileSync('engine/corpus/examples/' + f, 'utf8'));
  for (const p of j.policies) {
    const text = JSON.stringify(p.policy, null, 2);
    const ds = validatePolicy(text, p.kind);
    for (const d of ds) console.log(f, p.name, d.severity, d.code, JSON.stringify(text.slice(d.span.start, d.span.end)), d.message);
  }
}
