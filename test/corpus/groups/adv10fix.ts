// The blind held-out set /tmp/adv10 (stop 10) found whole classes prodguard allowed: a firewall
// flushed or reset on a production host, host files emptied or moved away, a database's system
// user or package removed, destructive modes of migration and IaC tools, branches a deployment
// tracks deleted, data-plane clients (dropuser, redis --pipe, Mongo user wipes, index close,
// Redpanda and Kafka purges) and SSM's shorthand parameters. Each class with its harmless twins.
import type { CorpusGroup } from '../cases.js';

const PROD = 'web-prod-1';
const WS = 'ws-4417';

export const groups: CorpusGroup[] = [
  {
    name: 'adv10fix: firewalls flushed, reset or set to drop on a server',
    cases: [
      { line: 'iptables -F && iptables -P INPUT DROP', hostname: PROD, expect: 'confirm', rule: 'host/firewall-flush' },
      { line: 'sudo iptables --flush', hostname: PROD, expect: 'confirm', rule: 'host/firewall-flush' },
      { line: 'sudo ip6tables-legacy -t nat -F', hostname: PROD, expect: 'confirm', rule: 'host/firewall-flush' },
      { line: 'sudo iptables -P INPUT DROP', hostname: PROD, expect: 'confirm', rule: 'host/firewall-default-drop' },
      { line: 'nft flush ruleset', hostname: PROD, expect: 'confirm', rule: 'host/firewall-reset' },
      { line: 'ufw --force reset', hostname: PROD, expect: 'confirm', rule: 'host/firewall-reset' },
      { line: 'sudo ufw disable', hostname: PROD, expect: 'confirm', rule: 'host/firewall-reset' },
      { line: 'firewall-cmd --panic-on', hostname: PROD, expect: 'confirm', rule: 'host/firewall-flush' },
      { line: 'ssh root@db1.prod.example.com nft flush ruleset', hostname: WS, expect: 'confirm', rule: 'host/firewall-reset' },
      { line: 'sudo iptables -A INPUT -p tcp --dport 5432 -s 10.0.0.0/8 -j ACCEPT', hostname: PROD, expect: 'allow' },
      { line: 'sudo iptables -P FORWARD DROP', hostname: PROD, expect: 'allow' },
      { line: 'sudo iptables -L -n -v', hostname: PROD, expect: 'allow' },
      { line: 'sudo nft list ruleset', hostname: PROD, expect: 'allow' },
      { line: 'sudo nft -f /etc/nftables.conf', hostname: PROD, expect: 'allow' },
      { line: 'sudo ufw allow 22/tcp', hostname: PROD, expect: 'allow' },
      { line: 'sudo firewall-cmd --reload', hostname: PROD, expect: 'allow' },
      { line: 'sudo iptables -F', hostname: WS, expect: 'allow' },
    ],
  },
  {
    name: 'adv10fix: host files emptied or moved away, the database user and package removed, crontabs emptied',
    cases: [
      { line: '> /etc/fstab', hostname: PROD, expect: 'block', rule: 'filesystem/overwrite-system-file' },
      { line: ': > /etc/passwd', hostname: PROD, expect: 'block', rule: 'filesystem/overwrite-system-file' },
      { line: 'echo "/dev/sdb1 /data ext4 defaults 0 2" | sudo tee /etc/fstab', hostname: PROD, expect: 'block', rule: 'filesystem/overwrite-system-file' },
      { line: 'sudo mv /etc/sudoers /etc/sudoers.bak', hostname: PROD, expect: 'block', rule: 'filesystem/move-system-file' },
      { line: 'echo "/dev/sdb1 /data ext4 defaults 0 2" | sudo tee -a /etc/fstab', hostname: PROD, expect: 'allow' },
      { line: 'echo "/dev/sdb1 /data ext4 defaults 0 2" >> /etc/fstab', hostname: PROD, expect: 'allow' },
      { line: 'echo "nameserver 10.0.0.2" > /etc/resolv.conf', hostname: PROD, expect: 'allow' },
      { line: 'sudo cp -a /etc/sudoers /etc/sudoers.bak', hostname: PROD, expect: 'allow' },
      { line: 'sudo mv /etc/sudoers.tmp /etc/sudoers', hostname: PROD, expect: 'allow' },
      { line: 'userdel -r postgres', hostname: PROD, expect: 'block', rule: 'host/userdel-database-user' },
      { line: 'sudo deluser --remove-home mysql', hostname: PROD, expect: 'block', rule: 'host/userdel-database-user' },
      { line: 'sudo userdel -r olduser', hostname: PROD, expect: 'allow' },
      { line: 'sudo apt-get remove --purge -y mysql-server mysql-common', hostname: PROD, expect: 'confirm', rule: 'host/remove-database-package' },
      { line: "sudo apt-get purge -y 'postgresql*'", hostname: PROD, expect: 'confirm', rule: 'host/remove-database-package' },
      { line: 'sudo yum remove -y mysql-server', hostname: PROD, expect: 'confirm', rule: 'host/remove-database-package' },
      { line: 'sudo apt-get remove -y postgresql-client-15', hostname: PROD, expect: 'allow' },
      { line: 'sudo apt-get install -y mysql-server', hostname: PROD, expect: 'allow' },
      { line: "echo '' | crontab -", hostname: PROD, expect: 'confirm', rule: 'host/crontab-remove' },
      { line: 'crontab -u postgres - < /dev/null', hostname: PROD, expect: 'confirm', rule: 'host/crontab-remove' },
      { line: 'true | crontab -', hostname: PROD, expect: 'confirm', rule: 'host/crontab-remove' },
      { line: "echo '0 3 * * * /usr/local/bin/backup' | crontab -", hostname: PROD, expect: 'allow' },
      { line: 'crontab -l | grep -v old-job | crontab -', hostname: PROD, expect: 'allow' },
    ],
  },
  {
    name: 'adv10fix: destructive modes of migration and IaC tools',
    cases: [
      {
        line: 'liquibase --url=jdbc:mysql://mysql.prod.example.com:3306/shop rollback-count 100',
        hostname: WS,
        expect: 'confirm',
        rule: 'database/migration-rollback-count',
      },
      { line: 'liquibase --url=jdbc:mysql://mysql.prod.example.com:3306/shop rollback-count-sql 100', hostname: WS, expect: 'allow' },
      { line: 'liquibase --url=jdbc:mysql://mysql.prod.example.com:3306/shop update', hostname: WS, expect: 'allow' },
      { line: 'sequel -m db/migrations -M 0 postgres://app@db.prod.example.com/app', hostname: WS, expect: 'block', rule: 'database/schema-rollback-to-zero' },
      { line: 'sequel -m db/migrations postgres://app@db.prod.example.com/app', hostname: WS, expect: 'allow' },
      {
        line: 'hasura migrate apply --down all --endpoint https://hasura.prod.example.com',
        hostname: WS,
        expect: 'block',
        rule: 'database/force-reset-flags',
      },
      { line: 'hasura migrate apply --endpoint https://hasura.prod.example.com', hostname: WS, expect: 'allow' },
      { line: 'cdktf destroy prod-stack --auto-approve', hostname: WS, expect: 'block', rule: 'cloud/iac-destroy' },
      { line: 'cdktf deploy prod-stack', hostname: WS, expect: 'allow' },
      { line: 'helmfile -e production destroy', hostname: WS, expect: 'confirm', rule: 'kubernetes/delete-production' },
      { line: 'helmfile --environment production delete', hostname: WS, expect: 'confirm', rule: 'kubernetes/delete-production' },
      { line: 'helmfile -e production diff', hostname: WS, expect: 'allow' },
      { line: 'helmfile -e dev destroy', hostname: WS, expect: 'allow' },
    ],
  },
  {
    name: 'adv10fix: deploy branches deleted, mirror pushes, git clean -x on a server',
    cases: [
      { line: 'git push origin :production', hostname: WS, expect: 'confirm', rule: 'git/delete-remote-main-refspec' },
      { line: 'git push origin --delete release', hostname: WS, expect: 'confirm', rule: 'git/delete-remote-main' },
      { line: 'git push origin :feature/login', hostname: WS, expect: 'allow' },
      { line: 'git push --mirror origin', hostname: WS, expect: 'confirm', rule: 'git/mirror-push-remote' },
      { line: 'git push --mirror https://github.com/exampleuser/new-repository.git', hostname: WS, expect: 'warn' },
      { line: 'git -C /var/www/html clean -ffdx', hostname: PROD, expect: 'confirm', rule: 'git/clean-ignored-on-server' },
      { line: 'cd /srv/app/current && git clean -fdx && git reset --hard', hostname: PROD, expect: 'confirm', rule: 'git/clean-ignored-on-server' },
      { line: 'git clean -fdx', hostname: WS, expect: 'allow' },
      { line: 'git clean -ndx', hostname: PROD, expect: 'allow' },
    ],
  },
  {
    name: 'adv10fix: data-plane clients (dropuser, redis --pipe, Mongo user wipes, index close, Redpanda and Kafka purges)',
    cases: [
      { line: 'dropuser app', env: { PGHOST: 'db.prod.example.com', PGDATABASE: 'app' }, expect: 'confirm', rule: 'database/dropuser' },
      { line: 'sudo -u postgres dropuser reporting', hostname: 'db-prod-1', expect: 'confirm', rule: 'database/dropuser' },
      { line: 'dropuser -h localhost test_user', hostname: WS, expect: 'allow' },
      {
        line: "redis-cli -h cache.prod.example.com --pipe <<'EOF'\nDEL session:1\nDEL session:2\nDEL user:1\nEOF",
        hostname: WS,
        expect: 'confirm',
        rule: 'database/redis-bulk-delete',
      },
      { line: "redis-cli -h cache.prod.example.com --pipe <<'EOF'\nSET a 1\nSET b 2\nEOF", hostname: WS, expect: 'allow' },
      {
        line: "mongosh mongodb://mongo.prod.example.com:27017 --eval 'db.adminCommand({dropAllUsersFromDatabase: 1})'",
        hostname: WS,
        expect: 'confirm',
        rule: 'sql/drop-role',
      },
      {
        line: 'mongosh mongodb://mongo.prod.example.com:27017/app --eval \'db.dropUser("reporting")\'',
        hostname: WS,
        expect: 'confirm',
        rule: 'sql/drop-role',
      },
      { line: "mongosh mongodb://mongo.prod.example.com:27017/app --eval 'db.getUsers()'", hostname: WS, expect: 'allow' },
      { line: "curl -X POST 'es.prod.example.com:9200/*/_close?expand_wildcards=all'", hostname: WS, expect: 'confirm', rule: 'http/close-all-indices' },
      { line: "curl -X POST 'es.prod.example.com:9200/logs-2023.01/_close'", hostname: WS, expect: 'allow' },
      { line: "rpk topic delete -r '.*' --brokers redpanda.prod.example.com:9092", hostname: WS, expect: 'block', rule: 'database/service-data-delete' },
      { line: 'rpk topic list --brokers redpanda.prod.example.com:9092', hostname: WS, expect: 'allow' },
      {
        line: 'kafka-configs --bootstrap-server kafka.prod.example.com:9092 --alter --entity-type topics --entity-name payments --add-config retention.ms=1000',
        hostname: WS,
        expect: 'confirm',
        rule: 'database/kafka-retention-purge',
      },
      {
        line: 'kafka-configs --bootstrap-server kafka.prod.example.com:9092 --alter --entity-type topics --entity-name payments --add-config retention.ms=604800000',
        hostname: WS,
        expect: 'allow',
      },
    ],
  },
  {
    name: "adv10fix: SSM Run Command's shorthand parameters run on the instances",
    cases: [
      {
        line: "aws ssm send-command --instance-ids i-0abc123 --document-name AWS-RunShellScript --parameters commands='dropdb app' --profile production",
        hostname: WS,
        expect: 'confirm',
        rule: 'database/dropdb',
      },
      {
        line: "aws ssm send-command --instance-ids i-0abc123 --document-name AWS-RunShellScript --parameters 'commands=[uptime,rm -rf /var/lib/postgresql/15/main]'",
        hostname: WS,
        expect: 'confirm',
        rule: 'filesystem/rm-data-directory',
      },
      {
        line: "aws ssm send-command --instance-ids i-0abc123 --document-name AWS-RunShellScript --parameters commands='uptime,df -h'",
        hostname: WS,
        expect: 'allow',
      },
    ],
  },
];
