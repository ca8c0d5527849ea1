// Issue 14 (teams and fleets), fourth pass: copies that land in another host's data directory,
// playbooks judged by the hosts their plays name.
import type { CorpusGroup } from '../cases.js';

export const groups: CorpusGroup[] = [
  {
    name: 'scp into a remote data directory replaces the database files on that host (gitlab-2017)',
    cases: [
      { line: 'scp dump db1.prod.example.com:/var/lib/postgresql/15/main/', expect: 'confirm', rule: 'filesystem/replace-data-files' },
      { line: 'scp -r ./data/ db1:/var/lib/mysql/', expect: 'confirm', rule: 'filesystem/replace-data-files' },
      { line: 'scp -P 2222 -i ~/.ssh/id_ed25519 ibdata1 admin@[2001:db8::5]:/var/lib/mysql/ibdata1', expect: 'confirm', rule: 'filesystem/replace-data-files' },
      { line: 'scp ./dump.rdb scp://deploy@cache1.prod.example.com:2222/var/lib/redis/', expect: 'confirm', rule: 'filesystem/replace-data-files' },
      { line: 'scp -3 db2:/var/lib/mysql/ibdata1 db1.prod.example.com:/var/lib/mysql/', expect: 'confirm', rule: 'filesystem/replace-data-files' },
      { line: 'sudo scp -o ProxyJump=bastion a.rdb b.rdb cache1.prod.example.com:/var/lib/redis', expect: 'confirm', rule: 'filesystem/replace-data-files' },
      { line: 'rsync -a ./data/ db1.prod.example.com:/var/lib/mysql/', expect: 'confirm', rule: 'filesystem/replace-data-files' },
      { line: "rsync -a -e 'ssh -p 2222' dump.rdb deploy@cache1:/var/lib/redis/dump.rdb", expect: 'confirm', rule: 'filesystem/replace-data-files' },
    ],
  },
  {
    name: 'scp from a host, or to somewhere that is not a data directory, stays at allow',
    cases: [
      { line: 'scp db1.prod.example.com:/var/lib/mysql/ibdata1 ./backup/', expect: 'allow' },
      { line: 'scp -r db1:/var/lib/postgresql/15/main /backup/main', expect: 'allow' },
      { line: 'scp scp://deploy@db1.prod.example.com:2222/var/lib/redis/dump.rdb ./', expect: 'allow' },
      { line: 'scp -o ProxyJump=bastion -J bastion dump.sql db1.prod.example.com:/tmp/', expect: 'allow' },
      { line: 'scp dump.rdb cache1.prod.example.com:', expect: 'allow' },
      { line: 'scp -S /usr/bin/ssh -l 800 -c aes128-ctr -F cfg dump.rdb cache1.prod.example.com:/srv/backups/', expect: 'allow' },
      { line: 'scp notes:draft.txt ./', expect: 'allow' },
      { line: 'rsync -a --ignore-existing ./data/ db1.prod.example.com:/var/lib/mysql/', expect: 'allow' },
      { line: 'rsync -an ./data/ db1.prod.example.com:/var/lib/mysql/', expect: 'allow' },
      { line: 'rsync -a db1.prod.example.com:/var/lib/mysql/ ./backup/', expect: 'allow' },
      { line: 'rsync -a ./site/ web1.prod.example.com:/srv/www/', expect: 'allow' },
      { line: 'rsync -a ./app/ deploy@web1:app/', expect: 'allow' },
    ],
  },
  {
    name: 'ad-hoc ansible over several names is one run: one finding, the most dangerous name decides',
    cases: [
      // The data-directory rule asks for the typed name on production and staging alike (state
      // unknown); dropdb tells them apart: the production name among them decides.
      { line: "ansible db1.prod.example.com,web-stg-1 -m shell -a 'rm -rf /var/lib/mysql'", expect: 'confirm', rule: 'filesystem/rm-data-directory' },
      {
        line: "ansible 'web-stg-1:db1.prod.example.com' -m file -a 'path=/var/lib/postgresql state=absent'",
        expect: 'confirm',
        rule: 'filesystem/rm-data-directory',
      },
      { line: "ansible web-stg-1,db1.prod.example.com -m command -a 'dropdb app'", expect: 'block', rule: 'database/dropdb' },
      { line: "ansible web-stg-1,web-stg-2 -m command -a 'dropdb app'", expect: 'confirm', rule: 'database/dropdb' },
      { line: 'ansible web-stg-1,db1.prod.example.com -m ping', expect: 'allow' },
    ],
  },
];
