import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/**
 * The function's EMF metrics (Powertools Metrics). Powertools adds the dimension
 * `service` = POWERTOOLS_SERVICE_NAME to every metric, so the alarms select on it.
 * The handler emits each of these on every poll, zero included, so that an alarm can clear.
 */
export const METRICS = {
  namespace: 'Herald',
  service: 'herald',
  failedDeliveries: 'FailedDeliveries',
  feedErrors: 'FeedErrors',
} as const;

export interface HeraldAlarmsProps {
  function: lambda.IFunction;
  deadLetterQueue: sqs.IQueue;
  /** Fan-out mode's feed dead-letter queue, when fan-out is on. */
  feedDeadLetterQueue?: sqs.IQueue;
  /** The schedule's interval: a metric period of one poll. */
  rateMinutes: number;
  email?: string;
}

/**
 * Alarms on what an operator must act on, sent to one encrypted topic:
 * the function failing, deliveries failing poll after poll, feeds failing poll after poll,
 * and anything in the dead-letter queues.
 */
export class HeraldAlarms extends Construct {
  readonly topic: sns.Topic;
  readonly alarms: cloudwatch.Alarm[] = [];

  constructor(scope: Construct, id: string, props: HeraldAlarmsProps) {
    super(scope, id);
    const { account, region, partition } = Stack.of(this);

    // A customer managed key, because CloudWatch cannot publish to a topic encrypted with the AWS
    // managed SNS key (its key policy cannot grant cloudwatch.amazonaws.com).
    const key = new kms.Key(this, 'TopicKey', {
      description: 'Herald alarm topic',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.DESTROY,
      pendingWindow: Duration.days(7),
    });
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        // In a key policy, '*' means this key.
        resources: ['*'],
      }),
    );

    this.topic = new sns.Topic(this, 'Topic', {
      displayName: 'Herald alarms',
      masterKey: key,
      enforceSSL: true,
    });
    // Only this account's CloudWatch alarms may publish (the topic policy replaces SNS's default one).
    this.topic.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: {
          StringEquals: { 'aws:SourceAccount': account },
          ArnLike: { 'aws:SourceArn': `arn:${partition}:cloudwatch:${region}:${account}:alarm:*` },
        },
      }),
    );
    if (props.email) this.topic.addSubscription(new subscriptions.EmailSubscription(props.email));

    // One poll per period; CloudWatch wants a period of at most an hour for these evaluation ranges.
    const pollPeriod = Duration.minutes(Math.min(Math.max(props.rateMinutes, 1), 60));
    const appMetric = (metricName: string) =>
      new cloudwatch.Metric({
        namespace: METRICS.namespace,
        metricName,
        dimensionsMap: { service: METRICS.service },
        statistic: cloudwatch.Stats.SUM,
        period: pollPeriod,
      });

    this.add('FunctionErrors', {
      alarmDescription:
        'The poll function threw or timed out (a poll that only has failing feeds still succeeds). ' +
        'Check its log group.',
      metric: props.function.metricErrors({ period: Duration.minutes(5), statistic: cloudwatch.Stats.SUM }),
      threshold: 1,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });

    this.add('FailedDeliveries', {
      alarmDescription:
        'Discord posts failed on two polls in a row: a broken webhook, a missing secret, or Discord ' +
        'refusing the posts. `herald status` lists the failed deliveries.',
      metric: appMetric(METRICS.failedDeliveries),
      threshold: 1,
      evaluationPeriods: 2,
      datapointsToAlarm: 2,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });

    this.add('UnhealthyFeeds', {
      alarmDescription:
        'At least one feed failed on three polls in a row (unreachable, or not a feed any more). ' +
        '`herald status` shows which.',
      metric: appMetric(METRICS.feedErrors),
      threshold: 1,
      evaluationPeriods: 3,
      datapointsToAlarm: 3,
      // Between polls there is no data: keep the state instead of clearing it.
      treatMissingData: cloudwatch.TreatMissingData.IGNORE,
    });

    this.add('DeadLetters', {
      alarmDescription:
        'A scheduled poll could not run or failed, and its event is in the dead-letter queue. ' +
        'Read the message for the error, then purge the queue.',
      metric: props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(5),
        statistic: cloudwatch.Stats.MAXIMUM,
      }),
      threshold: 1,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });

    if (props.feedDeadLetterQueue)
      this.add('FeedDeadLetters', {
        alarmDescription:
          'Fan-out: a feed failed in the poller three times, and its message is in the feed dead-letter ' +
          'queue. The poller log group says why; purge the queue once fixed (the schedule queues the feed again).',
        metric: props.feedDeadLetterQueue.metricApproximateNumberOfMessagesVisible({
          period: Duration.minutes(5),
          statistic: cloudwatch.Stats.MAXIMUM,
        }),
        threshold: 1,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
  }

  private add(id: string, props: Omit<cloudwatch.AlarmProps, 'comparisonOperator'>): void {
    const alarm = new cloudwatch.Alarm(this, id, {
      ...props,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    });
    const action = new actions.SnsAction(this.topic);
    alarm.addAlarmAction(action);
    alarm.addOkAction(action);
    this.alarms.push(alarm);
  }
}
