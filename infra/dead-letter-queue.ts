import { Duration, Validations } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

/**
 * A dead-letter queue: encrypted, TLS only, kept 14 days. Nothing consumes it; an alarm on its depth
 * tells an operator to read and purge it. `holds` says what lands in it, for cdk-nag's acknowledgement.
 */
export function createDeadLetterQueue(scope: Construct, id: string, holds: string): sqs.Queue {
  const queue = new sqs.Queue(scope, id, {
    encryption: sqs.QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
  });
  Validations.of(queue).acknowledge({
    id: 'AwsSolutions-SQS3',
    reason: `This queue is itself a dead-letter queue (${holds}); nothing consumes it (an operator reads and purges it after its alarm), so a queue behind it would never receive anything.`,
  });
  return queue;
}
