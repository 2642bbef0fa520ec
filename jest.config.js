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

const moduleNameMapper = {
  '^@claims/(event-sourcing|messaging|service-host|working-calendar)$': '<rootDir>/../../libs/$1/src/index.ts',
  '^@claims/(intake|claims-review|complaint|notification|analytics)$': '<rootDir>/../../services/$1/src/index.ts',
};

const projectDirs = ['libs', 'services', 'deploy'].flatMap((group) =>
  readdirSync(join(__dirname, group), { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(__dirname, group, d.name, 'project.json')))
    .map((d) => join(group, d.name)),
);

module.exports = {
  projects: projectDirs.map((dir) => ({
    displayName: require(join(__dirname, dir, 'project.json')).name,
    rootDir: join(__dirname, dir),
    testEnvironment: 'node',
    setupFiles: ['reflect-metadata'],
    transform: { '^.+\\.ts$': swc },
    moduleNameMapper,
    testMatch: ['<rootDir>/**/*.spec.ts'],
    testPathIgnorePatterns: ['/node_modules/', '/\\.kafka/'],
  })),
};
