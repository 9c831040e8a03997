import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.vscode-test/**', 'test/fixtures/**', 'media/**/*.js', 'test/eval/.services/**', 'bench/.corpus/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports' }],
    },
  },
  {
    // The core is pure TypeScript: no editor API, no reaching into the adapters.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'src/core must not import vscode: go through an interface the extension implements.' }],
        patterns: [{ group: ['**/extension/**', '**/cli/**'], message: 'src/core must not depend on the adapters.' }],
      }],
      // Names are data (issue 14): a dictionary keyed by names from a repository or a dive must
      // not inherit Object.prototype, or a file, symbol or word called "constructor" or
      // "__proto__" finds a function where a value was expected. Records start from dict() or
      // table() (src/core/ownKeys.ts), never from a plain object literal.
      'no-restricted-syntax': ['error',
        { selector: "VariableDeclarator[id.typeAnnotation.typeAnnotation.typeName.name='Record'][id.typeAnnotation.typeAnnotation.typeArguments.params.0.type='TSStringKeyword'] > ObjectExpression.init", message: 'A Record starts from dict() or table() (src/core/ownKeys.ts): names are data.' },
        { selector: "PropertyDefinition[typeAnnotation.typeAnnotation.typeName.name='Record'][typeAnnotation.typeAnnotation.typeArguments.params.0.type='TSStringKeyword'] > ObjectExpression.value", message: 'A Record starts from dict() or table() (src/core/ownKeys.ts): names are data.' },
        { selector: "TSAsExpression[typeAnnotation.typeName.name='Record'][typeAnnotation.typeArguments.params.0.type='TSStringKeyword'] > ObjectExpression.expression", message: 'A Record starts from dict() or table() (src/core/ownKeys.ts): names are data.' },
        { selector: "AssignmentPattern[left.typeAnnotation.typeAnnotation.typeName.name='Record'][left.typeAnnotation.typeAnnotation.typeArguments.params.0.type='TSStringKeyword'] > ObjectExpression.right", message: 'A Record starts from dict() or table() (src/core/ownKeys.ts): names are data.' },
        { selector: 'Property > ObjectExpression.value[properties.length=0]', message: 'An empty object in core is a dictionary to be filled by names: start it from dict() (src/core/ownKeys.ts).' },
        { selector: 'VariableDeclarator > ObjectExpression.init[properties.length=0]', message: 'An empty object in core is a dictionary to be filled by names: start it from dict() (src/core/ownKeys.ts).' },
        { selector: 'AssignmentExpression > ObjectExpression.right[properties.length=0]', message: 'An empty object in core is a dictionary to be filled by names: start it from dict() (src/core/ownKeys.ts).' },
      ],
    },
  },
);
