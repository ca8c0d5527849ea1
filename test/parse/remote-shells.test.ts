// Tools that run a command on another host are read like `ssh HOST 'CMD'`: the command inside is
// judged, on the host the tool names, with that host's (unknown) environment.
import { describe, expect, it } from 'vitest';
import { extractInvocations } from '../../src/parse/invocations.js';

/** The commands the line would run on other hosts: `host: argv [cwd]`. */
const remote = (line: string) =>
  extractInvocations(line, { env: { HOME: '/home/dev' }, cwd: '/home/dev', home: '/home/dev' })
    .invocations.filter((inv) => inv.host.kind === 'ssh')
    .map((inv) => {
      const host = inv.host.kind === 'ssh' ? `${inv.host.user ? `${inv.host.user}@` : ''}${inv.host.destination}` : '';
      return `${host}: ${[inv.name, ...inv.args.map((a) => a.value)].join(' ')}${inv.cwd ? ` [${inv.cwd}]` : ''}`;
    });

describe('remote shells run their command on the host they name', () => {
  it('mosh: options, the host, an optional --, then the command words', () => {
    expect(remote('mosh db1.prod.example.com -- rm -rf /var/lib/postgresql')).toEqual(['db1.prod.example.com: rm -rf /var/lib/postgresql']);
    expect(remote('mosh --ssh="ssh -p 2222" -p 60001 root@db1 dropdb app')).toEqual(['root@db1: dropdb app']);
    expect(remote('mosh dev-box')).toEqual([]);
  });

  it('gcloud compute ssh: --command, --command=, and ssh arguments after --', () => {
    expect(remote("gcloud compute ssh db-prod-1 --command 'rm -rf /x'")).toEqual(['db-prod-1: rm -rf /x']);
    expect(remote('gcloud compute ssh db-prod-1 --zone us-east1-b --command="sudo rm -rf /x"')).toEqual(['db-prod-1: sudo rm -rf /x', 'db-prod-1: rm -rf /x']);
    expect(remote("gcloud --project acme beta compute ssh deploy@vm -- -t 'rm -rf /x'")).toEqual(['deploy@vm: rm -rf /x']);
    expect(remote("gcloud compute tpus tpu-vm ssh tpu-1 --worker=all --command 'ls'")).toEqual(['tpu-1: ls']);
    expect(remote('gcloud compute ssh vm')).toEqual([]);
    expect(remote('gcloud compute instances delete vm --command x')).toEqual([]);
  });

  it('az ssh vm: the VM named by -n/--ip, the command after --', () => {
    expect(remote('az ssh vm -g rg -n db-prod-1 -- dropdb app')).toEqual(['db-prod-1: dropdb app']);
    expect(remote('az ssh vm --ip 10.0.0.4 -- -A uptime')).toEqual(['10.0.0.4: uptime']);
  });

  it('ansible: the pattern and the inventory are the hosts; -a is the module arguments', () => {
    expect(remote("ansible prod-db -m shell -a 'rm -rf /data'")).toEqual(['prod-db: rm -rf /data']);
    expect(remote('ansible all -i production -m command -a "dropdb app"')).toEqual(['all: dropdb app', 'inventory production: dropdb app']);
    expect(remote("ansible 'web:&db' -u root --args=uptime")).toEqual(['root@web: uptime', 'root@db: uptime']);
    expect(remote("ansible db -i db1.prod,db2.prod, -m ansible.builtin.shell -a 'ls'")).toEqual(['db: ls', 'db1.prod: ls', 'db2.prod: ls']);
    // Free-form keys of shell/command: chdir is where the command runs.
    expect(remote("ansible db -m shell -a 'chdir=/var/lib/postgresql/15 rm -rf main'")).toEqual(['db: rm -rf main [/var/lib/postgresql/15]']);
    // The file module removes with state=absent.
    expect(remote("ansible db -m file -a 'path=/var/lib/mysql state=absent'")).toEqual(['db: rm -rf /var/lib/mysql']);
    expect(remote("ansible db -m file -a 'path=/tmp/x state=directory'")).toEqual([]);
  });

  it('ansible modules that run nothing, and check mode, run nothing', () => {
    expect(remote('ansible all -m ping')).toEqual([]);
    expect(remote("ansible all -m copy -a 'src=a dest=/tmp/a'")).toEqual([]);
    expect(remote("ansible all --check -m shell -a 'rm -rf /data'")).toEqual([]);
    expect(remote("ansible all --list-hosts -a 'rm -rf /data'")).toEqual([]);
  });

  it('parallel ssh tools: every listed host, a hosts file, or hosts not named', () => {
    expect(remote("pssh -h prod-hosts.txt -l root 'rm -rf /x'")).toEqual(['root@hosts in prod-hosts.txt: rm -rf /x']);
    expect(remote('parallel-ssh -H db1 -H db2 -i uptime')).toEqual(['db1: uptime', 'db2: uptime']);
    expect(remote("pdsh -w db[1-3].prod,web1 'rm -rf /x'")).toEqual(['db[1-3].prod: rm -rf /x', 'web1: rm -rf /x']);
    expect(remote('clush -a -b uptime')).toEqual(['(hosts not named on the line): uptime']);
    expect(remote('clush -w db1 -c /etc/hosts --dest /tmp')).toEqual([]);
  });

  it('rsync with deletion: the side that loses files is read again on its host', () => {
    expect(remote('rsync -a --delete ./empty/ db1:/var/lib/postgresql/')).toEqual(['db1: rsync -a --delete ./empty/ /var/lib/postgresql/']);
    expect(remote('rsync -a --del -e "ssh -p 2" x/ deploy@web1:www/')).toEqual(['deploy@web1: rsync -a --del -e ssh -p 2 x/ www/']);
    expect(remote('rsync -a --delete x/ rsync://files/uploads/a')).toEqual(['files: rsync -a --delete x/ uploads/a']);
    expect(remote('rsync -a --delete x/ files::uploads')).toEqual(['files: rsync -a --delete x/ uploads']);
    expect(remote('rsync -a --remove-source-files web1:/srv/up/ ./up/')).toEqual(['web1: rsync -a --remove-source-files ./up/ /srv/up/']);
    // A dry run, a local destination, a colon after a slash: nothing runs elsewhere. (Without
    // deletion the push is read again as the copy it is: see the next test.)
    expect(remote('rsync -an --delete x/ web1:/srv/')).toEqual([]);
    expect(remote('rsync -a --delete x/ ./a:b/')).toEqual([]);
    expect(remote('rsync -a --delete web1:/srv/ ./copy/')).toEqual([]);
  });

  it('copies to a host: each source is read again on that host at the path it lands on', () => {
    // rsync without deletion: `x/` sends its contents into the folder, `x` lands under its name.
    expect(remote('rsync -a x/ web1:/srv/')).toEqual(['web1: rsync -a x/ /srv/…']);
    expect(remote('rsync -a ibdata1 deploy@db1:/var/lib/mysql/')).toEqual(['deploy@db1: rsync -a ibdata1 /var/lib/mysql/ibdata1']);
    expect(remote('rsync -a web1:/srv/ ./copy/')).toEqual([]);
    // scp: options with values (-P -i -J -o -F -S -l -c), user@host, [IPv6], scp:// URIs.
    expect(remote('scp -P 2222 -i k -J bastion -o A=b -F cfg -S ssh -l 80 -c aes dump db1:/var/lib/postgresql/15/main/')).toEqual([
      'db1: scp -P 2222 -i k -J bastion -o A=b -F cfg -S ssh -l 80 -c aes dump /var/lib/postgresql/15/main/dump',
    ]);
    expect(remote('scp -r ./data/ root@[2001:db8::5]:/var/lib/mysql/')).toEqual(['root@2001:db8::5: scp -r ./data/ /var/lib/mysql/data']);
    expect(remote('scp a b scp://deploy@db1:2222/var/lib/redis')).toEqual(['deploy@db1: scp a /var/lib/redis/a', 'deploy@db1: scp b /var/lib/redis/b']);
    expect(remote('scp -3 db2:/x/ibdata1 db1:/var/lib/mysql/ibdata1')).toEqual(['db1: scp -3 db2:/x/ibdata1 /var/lib/mysql/ibdata1']);
    // From a host to here, local to local, a colon after a slash: nothing is written elsewhere.
    expect(remote('scp db1:/var/lib/mysql/ibdata1 ./backup/')).toEqual([]);
    expect(remote('scp dump /var/lib/postgresql/15/main/')).toEqual([]);
    expect(remote('scp dump ./a:b/')).toEqual([]);
  });
});
