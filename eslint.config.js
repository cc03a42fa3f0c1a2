// ESLint (flat config): typescript-eslint, React hooks, jsx-a11y, and the import boundaries of the
// architecture (docs/decisions/010-layout.md): server-only modules never reach client code, utils
// never import domain modules, routes never touch the database schema. `npm run lint`, zero warnings.
import js from "@eslint/js";
import jsxA11y from "eslint-plugin-jsx-a11y";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

const schema = {
  group: ["**/db/schema", "**/db/schema/*", "drizzle-orm", "drizzle-orm/*"],
  message: "Les routes passent par un module du domaine (app/models) : pas de schéma ni de requête ici.",
};
const serverOnly = {
  group: ["*.server", "**/*.server", "**/db/*", "**/db/schema", "**/emails/*"],
  message: "Code client : les modules serveur (*.server, db/, emails/) n’y entrent pas.",
};
const DOMAIN = [
  "registration",
  "access-codes",
  "reminders",
  "series",
  "series-file",
  "resources",
  "attendance",
  "report",
  "notifications",
  "accounts",
  "messages",
  "questions",
  "surveys",
  "newsletter",
  "backup",
  "http",
  "server",
];
const domain = {
  group: DOMAIN.flatMap((d) => [`~/${d}/*`, `../${d}/*`]),
  message: "Les utilitaires ne dépendent pas des modules du domaine (docs/decisions/010-layout.md).",
};

export default tseslint.config(
  { ignores: ["build/**", "node_modules/**", "bench/results/**", "db/migrations/**", "public/**", "coverage/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
      // Several readers strip control characters on purpose (form input, file names, citations).
      "no-control-regex": "off",
      // French typography puts literal no-break spaces in strings, templates and JSX text (README).
      "no-irregular-whitespace": ["error", { skipStrings: true, skipTemplates: true, skipJSXText: true, skipRegExps: true }],
      // A variable read by a callback before its one assignment (a timer cleared on close) stays `let`.
      "prefer-const": ["error", { ignoreReadBeforeAssign: true }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
    },
  },
  {
    files: ["app/**/*.tsx"],
    plugins: { "react-hooks": reactHooks, "jsx-a11y": jsxA11y },
    rules: { ...reactHooks.configs.recommended.rules, ...jsxA11y.flatConfigs.recommended.rules },
  },
  { files: ["app/routes/**"], rules: { "no-restricted-imports": ["error", { patterns: [schema] }] } },
  { files: ["app/components/**", "app/entry.client.tsx"], rules: { "no-restricted-imports": ["error", { patterns: [serverOnly] }] } },
  { files: ["app/utils/**"], rules: { "no-restricted-imports": ["error", { patterns: [domain] }] } },
  { files: ["tests/**", "bench/**", "scripts/**"], rules: { "@typescript-eslint/no-explicit-any": "off", "@typescript-eslint/no-non-null-assertion": "off" } },
);
