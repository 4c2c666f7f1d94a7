import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { adminCopy } from '@/copy/admin';
import { formatDateTime } from '@/format/dates';
import { StaffError } from '@/staff/ui/StaffPage';
import { useLoaded } from '@/staff/ui/use-loaded';
import { Button } from '@/ui/Button';
import { Card, KeyValue } from '@/ui/Card';
import { Loading } from '@/ui/Feedback';
import { adminRoutes } from '../routes';
import { adminHealth } from '../services/admin-api';
import { AdminPage, useAdminSession, useAtTop } from '../ui/AdminPage';

const text = adminCopy.health;

/**
 * The service as an administrator needs to know it: the database (reachable, taking writes, its
 * version, since when it is in trouble — details the public status page does not show), the
 * notifications undeliverable or waiting, each background job's last run, and which outside
 * services are real and which are the development stand-in that only logs.
 */
export default function AdminHealthPage() {
  const session = useAdminSession();
  const me = session.admin;
  // The outbox itself is the top's alone (the server refuses it below): its counts are shown to all.
  const atTop = useAtTop(me);
  const { value: health, error, load } = useLoaded(me, adminHealth);

  const tag = (ok: boolean, yes: string, no: string) => (
    <Text className={`admin-tag ${ok ? 'admin-tag--ok' : 'admin-tag--danger'}`}>{ok ? yes : no}</Text>
  );

  return (
    <AdminPage
      title={text.title}
      testId="admin-health-page"
      section="health"
      session={session}
      onRestored={() => void load()}
    >
      <Button inline onPress={() => void load()} testId="admin-health-refresh">
        {text.refresh}
      </Button>
      {error ? <StaffError error={error} onRetry={() => void load()} testId="admin-health-error" /> : null}
      {!health && !error && <Loading />}
      {health && (
        <>
          <Card title={text.database} testId="admin-health-database">
            <Text className="xf-text">{text.dialect[health.database.dialect]}</Text>
            <View className="admin-row-buttons">
              {tag(health.database.reachable, text.reachable, text.unreachable)}
              {tag(health.database.writable, text.writable, text.readOnly)}
            </View>
            {health.database.problem && (
              <Text className="xf-text xf-text--small" role="alert" data-testid="admin-health-problem">
                {text.problemSince(
                  text.problem[health.database.problem.kind],
                  formatDateTime(health.database.problem.since),
                )}
              </Text>
            )}
            {health.database.advice && (
              <Text className="xf-text xf-text--small" data-testid="admin-health-advice">
                {health.database.advice}
              </Text>
            )}
            {health.database.version && (
              <Text className="xf-text xf-text--small" data-testid="admin-health-version">
                {text.version(health.database.version)}
              </Text>
            )}
          </Card>
          <Card title={text.outbox} testId="admin-health-outbox">
            {health.outbox ? (
              <>
                <Text className="xf-text">
                  {text.outboxCounts(health.outbox.dead, health.outbox.waiting)}
                </Text>
                {health.outbox.oldestWaitingSince && (
                  <Text className="xf-text xf-text--small">
                    {text.outboxOldest(formatDateTime(health.outbox.oldestWaitingSince))}
                  </Text>
                )}
                {atTop && (
                  <Button inline onPress={() => void Taro.navigateTo({ url: adminRoutes.outbox })}>
                    {text.outboxOpen}
                  </Button>
                )}
              </>
            ) : (
              <Text className="xf-text">{text.outboxUnknown}</Text>
            )}
          </Card>
          <Card title={text.jobs}>
            <View role="list" aria-label={text.jobs}>
              {health.jobs.map((job) => (
                <View
                  key={job.name}
                  role="listitem"
                  className="admin-list-item"
                  data-testid={`admin-health-job-${job.name}`}
                >
                  <Text className="xf-text xf-text--strong">{text.jobNames[job.name] ?? job.name}</Text>
                  {job.outcome ? (
                    <Text
                      className={`admin-tag ${job.outcome === 'failure' ? 'admin-tag--danger' : 'admin-tag--ok'}`}
                    >
                      {text.jobOutcome[job.outcome]}
                    </Text>
                  ) : (
                    <Text className="admin-tag">{text.jobNever}</Text>
                  )}
                  {job.lastStartedAt && (
                    <Text className="xf-text xf-text--small">
                      {text.jobAt(formatDateTime(job.lastStartedAt))}
                    </Text>
                  )}
                  {job.error && <Text className="xf-text xf-text--small">{job.error}</Text>}
                  {!job.scheduledHere && (
                    <Text className="xf-text xf-text--small xf-text--muted">{text.notHere}</Text>
                  )}
                </View>
              ))}
            </View>
          </Card>
          <Card title={text.providers}>
            {health.providers.map((provider) => (
              <KeyValue
                key={provider.name}
                label={text.providerNames[provider.name]}
                testId={`admin-health-provider-${provider.name}`}
              >
                {provider.state === 'configured' ? text.configured : text.standIn}
              </KeyValue>
            ))}
          </Card>
          <Card title={text.calendar}>
            <Text className="xf-text">{text.calendarYears(health.calendar.years.join('、'))}</Text>
            {health.calendar.missingYear ? (
              <Text className="xf-text xf-text--small">
                {adminCopy.calendar.missing(health.calendar.missingYear)}
              </Text>
            ) : null}
          </Card>
        </>
      )}
    </AdminPage>
  );
}
