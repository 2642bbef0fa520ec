// One jest run for the whole workspace; each Nx project is a jest project named after it,
// so `jest --selectProjects intake` (what `nx test intake` runs) tests one of them.
const { readdirSync, existsSync } = require('node:fs');
const { join } = require('node:path');

const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
  },
];

// NestJS 12 and jose 6 are ES modules only. Node loads them from our CommonJS code with
// require(esm); jest cannot (before Node 24.9, and not without --experimental-vm-modules), so
// swc compiles them to CommonJS for the tests. Every other package is loaded untransformed.
const esmOnlyPackages = ['@nestjs', 'jose'];
const swcEsm = [
  '@swc/jest',
  {
    jsc: { parser: { syntax: 'ecmascript' }, target: 'es2022', keepClassNames: true },
    module: { type: 'commonjs' },
  },
];

const projectDirs = ['libs', 'services', 'deploy'].flatMap((group) =>
  readdirSync(join(__dirname, group), { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(__dirname, group, d.name, 'project.json')))
    .map((d) => join(group, d.name)),
);

/** `@claims/<name>` for every lib and service folder with a project.json and a src/index.ts (a generated service too). */
const entryPoints = (group) =>
  projectDirs
    .filter((dir) => dir.startsWith(`${group}/`) && existsSync(join(__dirname, dir, 'src', 'index.ts')))
    .map((dir) => dir.slice(group.length + 1))
    .join('|');

const moduleNameMapper = {
  '^@claims/event-sourcing/testing$': '<rootDir>/../../libs/event-sourcing/testing/index.ts',
  [`^@claims/(${entryPoints('libs')})$`]: '<rootDir>/../../libs/$1/src/index.ts',
  [`^@claims/(${entryPoints('services')})$`]: '<rootDir>/../../services/$1/src/index.ts',
};

module.exports = {
  // Hooks boot whole platforms; on a busy 2-core machine 5 s is not enough for them.
  testTimeout: 30_000,
  projects: projectDirs.map((dir) => ({
    displayName: require(join(__dirname, dir, 'project.json')).name,
    rootDir: join(__dirname, dir),
    testEnvironment: 'node',
    setupFiles: ['reflect-metadata'],
    transform: { '^.+\\.ts$': swc, '^.+\\.js$': swcEsm },
    transformIgnorePatterns: [`/node_modules/(?!(${esmOnlyPackages.join('|')})/)`],
    moduleNameMapper,
    testMatch: ['<rootDir>/**/*.spec.ts'],
    testPathIgnorePatterns: ['/node_modules/', '/\\.kafka/'],
  })),
};
