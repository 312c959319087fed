// Starts a command under the restrictions src/ReviewBot/deploy/reviewbot.service puts on the bot,
// without systemd: MemoryDenyWriteExecute=yes (the kernel's PR_SET_MDWE, and the seccomp rules
// systemd applies where the kernel lacks it: no mapping both writable and executable, nothing made
// executable afterwards) and SystemCallFilter=~@resources (the calls that change CPU affinity,
// scheduling, memory policy, I/O priority or resource limits fail with EPERM, as
// SystemCallErrorNumber=EPERM makes them). With --self-test it checks the rules bite instead.
//
//   unit-restrictions COMMAND [ARGS...]
//   unit-restrictions --self-test        exit 0 when a writable and executable mapping is refused
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>

#ifndef PR_SET_MDWE
#define PR_SET_MDWE 65
#define PR_MDWE_REFUSE_EXEC_GAIN 1
#endif

#define NR offsetof(struct seccomp_data, nr)
#define PROT offsetof(struct seccomp_data, args[2])
#define REFUSE BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | (EPERM & SECCOMP_RET_DATA))
#define REFUSE_CALL(nr) BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (nr), 0, 1), REFUSE

static int restrict_process(void)
{
    // Kernels before 6.3 do not know PR_SET_MDWE; the seccomp rules below cover the same ground.
    if (prctl(PR_SET_MDWE, PR_MDWE_REFUSE_EXEC_GAIN, 0, 0, 0) != 0 && errno != EINVAL)
    {
        perror("prctl(PR_SET_MDWE)");
        return -1;
    }

    struct sock_filter rules[] = {
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, NR),
        REFUSE_CALL(__NR_ioprio_set),
        REFUSE_CALL(__NR_mbind),
        REFUSE_CALL(__NR_migrate_pages),
        REFUSE_CALL(__NR_move_pages),
        REFUSE_CALL(__NR_sched_setaffinity),
        REFUSE_CALL(__NR_sched_setattr),
        REFUSE_CALL(__NR_sched_setparam),
        REFUSE_CALL(__NR_sched_setscheduler),
        REFUSE_CALL(__NR_set_mempolicy),
        REFUSE_CALL(__NR_setpriority),
        REFUSE_CALL(__NR_setrlimit),
        // mmap asking for writable and executable at once
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_mmap, 0, 4),
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, PROT),
        BPF_STMT(BPF_ALU | BPF_AND | BPF_K, PROT_WRITE | PROT_EXEC),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, PROT_WRITE | PROT_EXEC, 0, 1),
        REFUSE,
        // mprotect or pkey_mprotect making anything executable
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, NR),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_mprotect, 1, 0),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_pkey_mprotect, 0, 3),
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, PROT),
        BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, PROT_EXEC, 0, 1),
        REFUSE,
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
    };
    struct sock_fprog program = { .len = sizeof rules / sizeof rules[0], .filter = rules };
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0 || prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &program) != 0)
    {
        perror("seccomp");
        return -1;
    }

    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 2)
    {
        fprintf(stderr, "usage: %s COMMAND [ARGS...] | --self-test\n", argv[0]);
        return 64;
    }

    if (restrict_process() != 0)
    {
        return 65;
    }

    if (strcmp(argv[1], "--self-test") == 0)
    {
        void *both = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        cpu_set_t one;
        CPU_ZERO(&one);
        CPU_SET(0, &one);
        int affinity = sched_setaffinity(0, sizeof one, &one);
        return both == MAP_FAILED && affinity != 0 ? 0 : 1;
    }

    execvp(argv[1], argv + 1);
    perror(argv[1]);
    return 66;
}
