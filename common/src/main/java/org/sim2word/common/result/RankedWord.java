package org.sim2word.common.result;

/**
 * An eligible attribute in the ranking of one direction.
 *
 * @param rank      1 for the highest erased similarity
 * @param attribute the attribute's name
 * @param word      the word shown to users
 * @param score     s_i
 * @param angular   1 − arccos(s_i)/π
 * @param delta     s_i − s0
 * @param valid     s_i &gt; s0: erasing the attribute made the faces more alike
 */
public record RankedWord(int rank, String attribute, String word, double score, double angular, double delta,
                         boolean valid) {
}
