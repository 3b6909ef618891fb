import { Duration, Stack, Validations } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { createHeraldFunction } from './function-defaults.ts';

export const INTERACTIONS_ENTRY = 'functions/interactions/handler.ts';

/** The only DynamoDB action the endpoint needs: `/herald latest` and `/herald status` scan the table. */
export const INTERACTIONS_TABLE_ACTIONS = ['dynamodb:Scan'];

export interface InteractionsEndpointProps {
  /** Absolute path of the repo root. */
  rootDir: string;
  entry: string;
  /** The application's public key, 64 hex characters. */
  publicKey: string;
  table: dynamodb.ITable;
  /** The function `/herald poll` starts. */
  poller: lambda.IFunction;
  /**
   * The poller's function config file, shipped in this code too: the endpoint reads its feed and channel
   * ids for `/herald status`.
   */
  configFile: string;
  logRetentionDays: number;
}

/**
 * Discord's interactions endpoint for `/herald`: a small function behind a Function URL.
 *
 * The URL's auth type is NONE because Discord cannot sign AWS requests; the handler authenticates every
 * request itself (the Ed25519 signature over the timestamp and raw body, stale timestamps and replays
 * all get 401) before it reads anything. No CORS: Discord calls it server to server, never a browser.
 * It answers within Discord's 3 seconds, so it is its own bundle without the poller's dependencies.
 */
export class InteractionsEndpoint extends Construct {
  readonly function: lambda.Function;
  readonly logGroup: logs.LogGroup;
  readonly role: iam.Role;
  readonly url: lambda.FunctionUrl;

  constructor(scope: Construct, id: string, props: InteractionsEndpointProps) {
    super(scope, id);
    const parts = createHeraldFunction(this, {
      rootDir: props.rootDir,
      entry: props.entry,
      description: 'Herald: answers /herald slash commands from Discord',
      roleDescription: 'Herald interactions endpoint: writes its own logs, scans its table, starts a poll',
      configFile: props.configFile,
      environment: {
        DISCORD_PUBLIC_KEY: props.publicKey,
        HERALD_TABLE: props.table.tableName,
        HERALD_POLLER_FUNCTION: props.poller.functionName,
      },
      logRetentionDays: props.logRetentionDays,
      memorySize: 256,
      // Discord gives up after 3 s; the handler bounds its own reads (2 s) and the poll invoke (1.5 s).
      timeout: Duration.seconds(10),
    });
    this.function = parts.function;
    this.logGroup = parts.logGroup;
    this.role = parts.role;

    props.table.grant(this.role, ...INTERACTIONS_TABLE_ACTIONS);
    props.poller.grantInvoke(this.role);
    const pollerLogicalId = Stack.of(this).getLogicalId(props.poller.node.defaultChild as lambda.CfnFunction);
    Validations.of(this.role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${pollerLogicalId}.Arn>:*]`,
      reason:
        'lambda:InvokeFunction as granted by CDK grantInvoke: the poll function ARN plus `:*` for its ' +
        'versions and aliases, so that `/herald poll` can start it. The wildcard spans qualifiers of ' +
        'that one function only.',
    });

    this.url = this.function.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE });
  }
}
