#!/usr/bin/env bash
set -u
cd <repository>
J=logbridge-benchmarks/target/benchmarks.jar
O=/tmp/bench
run() { local name=$1; shift; echo "== $name $(date +%T) load $(cut -d' ' -f1-3 /proc/loadavg)" >> $O/log; echo "\$ java -cp \$J dev.logbridge.benchmarks.$*" > $O/$name.txt; timeout 1200 java -cp $J dev.logbridge.benchmarks."$@" >> $O/$name.txt 2>&1; echo "   done $(date +%T) rc=$?" >> $O/log; }
run paced-discard PacedCost --threads 1,2,8 --rates 100000,300000,1000000 --seconds 5 --warmup 5
run paced-otlp PacedCost --exporter otlp --threads 2 --rates 50000,100000,150000 --seconds 5 --warmup 5
run ceiling-discard-t1 EndToEndThroughput --exporter discard --threads 1 --seconds 3 --start 200000 --budget 90
run ceiling-discard-t2 EndToEndThroughput --exporter discard --threads 2 --seconds 3 --start 200000 --budget 90
run stalled StalledCollectorLatency --bridge all --seconds 10
run e2e-jdk-nothread EndToEndThroughput --sender jdk --bridge all --seconds 3 --start 60000 --budget 120 --capture-thread false
echo "== jmh-logback-t1 $(date +%T) load $(cut -d' ' -f1-3 /proc/loadavg)" >> $O/log
java -jar $J 'LogbackAppenderBenchmark.info$' -t 1 -wi 3 -w 2 -i 5 -r 2 -prof gc -prof dev.logbridge.benchmarks.CallerAllocationProfiler > $O/jmh-logback-t1.txt 2>&1
echo ALLDONE >> $O/log
for r in 2 3; do
run ceiling-discard-t1-run$r EndToEndThroughput --exporter discard --threads 1 --seconds 3 --start 200000 --budget 90
run ceiling-discard-t2-run$r EndToEndThroughput --exporter discard --threads 2 --seconds 3 --start 200000 --budget 90
run e2e-jdk-nothread-run$r EndToEndThroughput --sender jdk --bridge all --seconds 3 --start 60000 --budget 120 --capture-thread false
done
echo ALLDONE2 >> $O/log
for r in 2 3; do
run paced-upstream-run$r PacedCost --bridge upstream --threads 1,2 --rates 300000,1000000 --seconds 5 --warmup 5
run paced-logbridge-run$r PacedCost --bridge logbridge --threads 1,2 --rates 300000,1000000 --seconds 5 --warmup 5
done
for r in 4 5; do
run ceiling-discard-t1-run$r EndToEndThroughput --exporter discard --threads 1 --seconds 3 --start 200000 --budget 90
run ceiling-discard-t2-run$r EndToEndThroughput --exporter discard --threads 2 --seconds 3 --start 200000 --budget 90
done
echo ALLDONE3 >> $O/log
run paced-otlp-run2 PacedCost --exporter otlp --threads 2 --rates 50000,100000,150000 --seconds 5 --warmup 5
run e2e-jdk-thread EndToEndThroughput --sender jdk --bridge all --seconds 3 --start 60000 --budget 120 --capture-thread true
