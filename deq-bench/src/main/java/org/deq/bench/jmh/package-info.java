/**
 * JMH micro-benchmarks of the hot loops: the popcount scan and multi-index hashing over packed codes, the float
 * distance kernels, and describing a patch. Not run by Maven; after {@code mvn -B -o -pl deq-core,deq-bench,deq-cli package -DskipTests}:
 * <pre>java -cp "deq-cli/target/lib/*" org.openjdk.jmh.Main 'org.deq.bench.jmh' -f 1 -wi 3 -i 5 -w 1s -r 1s</pre>
 */
package org.deq.bench.jmh;
