// Public surface of the condition evaluator.

export {
  OPERATORS,
  OPERATOR_NAMES,
  SET_QUALIFIERS,
  getOperator,
  operatorSpellings,
  parseOperator,
  operatorProblem,
} from './operators.ts';
export type { ValueType, Comparison, ComparisonPhrase, OperatorDescriptor, SetQualifier, ParsedOperator } from './operators.ts';

export {
  parseNumeric,
  compareDecimal,
  parseDate,
  parseBool,
  isBase64,
  parseIpAddress,
  parseIpBlock,
  ipInBlock,
} from './values.ts';
export type { Decimal, IpAddress, IpBlock } from './values.ts';

export { compileCondition, evaluateConditionBlock, explainConditionBlock } from './evaluate.ts';
export type { CompiledCondition, ConditionTrace, CompileConditionOptions } from './evaluate.ts';
