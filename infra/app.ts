import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ConfigError } from '../functions/core/config.ts';
import { ConfigFileError } from '../functions/wiring/config-files.ts';
import { DeployConfigError, loadDeployConfig } from './deploy-config.ts';
import { DeploySettingsError, readDeploySettings } from './deploy-settings.ts';
import { EnvironmentTooLargeError } from './function-defaults.ts';
import { HeraldStack, MissingHandlerError } from './herald-stack.ts';

/** The repo root: the function's entry and package-lock.json are found from here. */
export const ROOT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Builds the Herald app with cdk-nag's AwsSolutions pack. The stack is environment-agnostic,
 * so synth needs no credentials and no lookups.
 */
export function createApp(app = new App()): { app: App; stack: HeraldStack } {
  const settings = readDeploySettings(app.node);
  const contextFile = app.node.tryGetContext('config') as string | undefined;
  const envFile = process.env.HERALD_CONFIG_FILE;
  const loaded = loadDeployConfig({
    rootDir: ROOT_DIR,
    ...(contextFile ? { contextFile } : {}),
    ...(envFile ? { envFile } : {}),
  });
  const stack = new HeraldStack(app, settings.stackName, {
    description: `Herald: polls VOA feeds and posts human-rights stories to Discord (config: ${path.relative(ROOT_DIR, loaded.file)})`,
    rootDir: ROOT_DIR,
    configInput: loaded.input,
    config: loaded.config,
    settings,
  });
  // The acknowledgements are also written into the template's Metadata, so a reviewer sees them there.
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { writeSuppressionsToCloudFormation: true }));
  return { app, stack };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    createApp().app.synth();
  } catch (error) {
    // A bad config or context value is the user's to fix: one clear message, no stack trace.
    const known = [
      DeployConfigError,
      ConfigFileError,
      DeploySettingsError,
      ConfigError,
      EnvironmentTooLargeError,
      MissingHandlerError,
    ];
    if (!known.some((type) => error instanceof type)) throw error;
    process.stderr.write(`herald: ${(error as Error).message}\n`);
    process.exitCode = 1;
  }
}
