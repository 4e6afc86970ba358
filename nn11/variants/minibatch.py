import numpy as np
from nn11.variants.data import noisy_copies

def nonlin(x, deriv=False):
    if deriv:
        return x * (1 - x)

    return 1 / (1 + np.exp(-x))

X = np.array([[0, 0, 1],
              [0, 1, 1],
              [1, 0, 1],
              [1, 1, 1]])

y = np.array([[0],
              [1],
              [1],
              [0]])

# mini-batches need more than four examples: COPIES shuffled copies of the
# four rows, NOISE added to the inputs (1 copy, no noise: the post's rows)
COPIES = 16
NOISE = 0.1
X, y = noisy_copies(X, y, copies=COPIES, noise=NOISE, seed=2)
# examples per update (len(X): the whole batch, as in the listing)
BATCH = 8

np.random.seed(1)

# two weight matrices, each drawn from [-1, 1)
syn0 = 2 * np.random.random((3, 4)) - 1
syn1 = 2 * np.random.random((4, 1)) - 1

for j in range(60000):

    # the next BATCH rows, wrapping round at the end
    rows = np.arange(j * BATCH, (j + 1) * BATCH) % len(X)

    # forward through layers 0, 1 and 2
    l0 = X[rows]
    l1 = nonlin(np.dot(l0, syn0))
    l2 = nonlin(np.dot(l1, syn1))

    # the output's miss
    l2_error = y[rows] - l2

    if (j % 10000) == 0:
        print("Error:" + str(np.mean(np.abs(l2_error))))

    # scale the miss by the output's slope: sure answers
    # barely move, unsure ones move most
    l2_delta = l2_error * nonlin(l2, deriv=True)

    # send l2_delta back through syn1: each hidden unit's share of the miss
    l1_error = l2_delta.dot(syn1.T)

    # the same scaling, now for the hidden layer
    # (its slope at l1)
    l1_delta = l1_error * nonlin(l1, deriv=True)

    syn1 += l1.T.dot(l2_delta)
    syn0 += l0.T.dot(l1_delta)
