package ai.deeplake.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.deeplake.Client;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A DJL Trainer (PyTorch, CPU) learns the frames' state -> action map from a {@link DeeplakeDataset}. */
class TrainingTest {
    @TempDir
    Path root;

    @Test
    void mlpLearnsActionsFromStates() throws Exception {
        assertEquals("PyTorch", Engine.getInstance().getEngineName());
        Engine.getInstance().setRandomSeed(42);
        try (Client client = Client.builder().root(root).build();
                Model model = Model.newInstance("behavior-cloning")) {
            Frames.ingest(client, 2000);
            DeeplakeDataset train = DeeplakeDataset.builder(client.openTable("frames"))
                    .features(Frames.STATES).labels(Frames.ACTIONS).setSampling(32, true).build();
            // The same rows in large ordered batches, to measure the loss before and after on equal terms.
            DeeplakeDataset all = DeeplakeDataset.builder(client.openTable("frames"))
                    .features(Frames.STATES).labels(Frames.ACTIONS).setSampling(500, false).build();

            model.setBlock(new SequentialBlock()
                    .add(Linear.builder().setUnits(32).build())
                    .add(Activation::relu)
                    .add(Linear.builder().setUnits(train.labelSize()).build()));
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.l2Loss())
                    .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(0.01f)).build());
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(1, train.featureSize()));
                float before = meanLoss(trainer, all);
                EasyTrain.fit(trainer, 1, train, null);
                float afterOne = meanLoss(trainer, all);
                EasyTrain.fit(trainer, 1, train, null);
                float afterTwo = meanLoss(trainer, all);
                System.out.printf("L2 loss on all 2000 frames: before %.4f, after 1 epoch %.4f, after 2 epochs %.4f%n",
                        before, afterOne, afterTwo);
                assertTrue(afterOne < before / 4, "one epoch cuts the loss: " + before + " -> " + afterOne);
                assertTrue(afterTwo < afterOne, "a second epoch cuts it further: " + afterOne + " -> " + afterTwo);
            }
        }
    }

    /** @return the loss over every row, each batch weighted by its size */
    private static float meanLoss(Trainer trainer, RandomAccessDataset data) throws Exception {
        double sum = 0;
        long rows = 0;
        for (Batch batch : trainer.iterateDataset(data)) {
            try (batch) {
                NDList predictions = trainer.evaluate(batch.getData());
                sum += trainer.getLoss().evaluate(batch.getLabels(), predictions).getFloat() * batch.getSize();
                rows += batch.getSize();
            }
        }
        return (float) (sum / rows);
    }
}
