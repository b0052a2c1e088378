package org.sim2word.aggregator.uncertainty;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.sim2word.aggregator.summary.Transactions;

/** Reads the view {@code uncertainty_by_word}, which PostgreSQL computes over every succeeded identification. */
@ApplicationScoped
public class UncertaintyRepository {
    private final Transactions transactions;

    public UncertaintyRepository(Transactions transactions) {
        this.transactions = transactions;
    }

    /**
     * @param model an uncertainty model's name, or null for every model
     * @return the most selected words first; ties go to the word ranked first more often, then to the larger rise
     */
    public List<WordUncertainty> byWord(String model) {
        return transactions.inTransaction("read the uncertainty by word", connection -> {
            try (PreparedStatement s = connection.prepareStatement("""
                    select word, uncertainty_model, substitute, faces, selected, ranked_first, mean_delta, mean_rank
                    from uncertainty_by_word
                    where ?::text is null or uncertainty_model = ?
                    order by selected desc, ranked_first desc, mean_delta desc, word, uncertainty_model,
                             substitute""")) {
                s.setString(1, model);
                s.setString(2, model);
                List<WordUncertainty> words = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        words.add(new WordUncertainty(r.getString(1), r.getString(2), r.getBoolean(3), r.getLong(4),
                                r.getLong(5), r.getLong(6), r.getDouble(7), r.getDouble(8)));
                    }
                }
                return words;
            }
        });
    }
}
