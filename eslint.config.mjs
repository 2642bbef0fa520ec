import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';
import js from '@eslint/js';

export default [
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/.nx/**',
      'deploy/kafka/.kafka/**',
      'data/**',
      'tmp/**',
      'coverage/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            { sourceTag: 'type:service', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'type:runtime', onlyDependOnLibsWithTags: ['type:lib', 'type:service'] },
          ],
        },
      ],
    },
  },
  ...serviceLayerRules(),
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: {
      globals: {
        require: 'readonly',
        module: 'writable',
        process: 'readonly',
        __dirname: 'readonly',
        console: 'readonly',
      },
    },
  },
  {
    // Tool configuration files (jest.config.js) are CommonJS by the tools' own convention.
    files: ['**/*.js', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
];

/**
 * Layers inside a service: domain <- application <- infrastructure / http. The domain is pure
 * (no framework, no store); the application layer talks to the outside only through its ports.
 */
function serviceLayerRules() {
  const outerLayers = (...layers) =>
    layers.map((layer) => ({
      group: [`**/${layer}`, `**/${layer}/**`],
      message: `The ${layer} layer is outside this one: depend on a port instead.`,
    }));
  const drivers = [
    'typeorm',
    '@nestjs/typeorm',
    'express',
    'kafkajs',
    'pg',
    'sql.js',
    '@eventstore/db-client',
    'node:fs',
    'fs',
  ].map((name) => ({
    name,
    message: 'Drivers and storage belong to the infrastructure layer.',
  }));
  const httpErrors = {
    name: '@nestjs/common',
    importNames: [
      'HttpException',
      'BadRequestException',
      'NotFoundException',
      'ConflictException',
      'ForbiddenException',
      'GoneException',
      'UnauthorizedException',
      'UnprocessableEntityException',
      'InternalServerErrorException',
      'HttpStatus',
    ],
    message:
      'Throw DomainRuleViolation or a refusal from @claims/event-sourcing; the host turns it into a problem.',
  };
  const hostInternals = {
    name: '@claims/service-host',
    importNames: ['ProblemException', 'READ_MODEL_DB', 'EVENT_STORE'],
    message: 'Use the application layer’s own ports.',
  };
  return [
    {
      files: ['services/*/src/domain/**/*.ts'],
      rules: {
        'no-restricted-imports': [
          'error',
          {
            paths: [
              ...drivers,
              { name: '@claims/service-host', message: 'The domain does not know the host.' },
              { name: '@claims/messaging', message: 'The domain does not know the bus.' },
            ],
            patterns: [
              ...outerLayers('application', 'infrastructure', 'http'),
              { group: ['@nestjs/*'], message: 'The domain inherits no framework class.' },
            ],
          },
        ],
      },
    },
    {
      files: ['services/*/src/application/**/*.ts'],
      rules: {
        'no-restricted-imports': [
          'error',
          {
            paths: [...drivers, httpErrors, hostInternals],
            patterns: outerLayers('infrastructure', 'http'),
          },
        ],
      },
    },
  ];
}
