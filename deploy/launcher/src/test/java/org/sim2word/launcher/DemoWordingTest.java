package org.sim2word.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DemoWordingTest {
    @Test
    void only_a_lower_auc_is_called_what_a_faithful_explanation_predicts() {
        assertEquals("(the AUC dropped, as a faithful explanation predicts: erasing what tells two people apart "
                + "makes them alike)", Demo.aucChange(0.9, 0.7));
        assertEquals("(erasing did not change the AUC)", Demo.aucChange(0.9, 0.9));
        assertEquals("(erasing raised the AUC)", Demo.aucChange(0.7, 0.9));
    }

    @Test
    void one_direction_is_singular() {
        assertEquals("1 direction", Demo.directions(1));
        assertEquals("2 directions", Demo.directions(2));
    }
}
